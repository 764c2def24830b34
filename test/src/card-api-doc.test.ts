/**
 * docs/card-api.md cannot drift from the contract: each schema of `@csm/accounts/contract` that
 * the card and sidebar routes answer with has a `## \`Name\`` section in the doc whose field table
 * lists exactly the schema's fields (every one, no other), each with the schema's type. A failure
 * prints the rows to add or fix.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  companyAnswerSchema,
  contactAnswerSchema,
  dealAnswerSchema,
  organizationAnswerSchema,
  requesterAnswerSchema,
} from '@csm/accounts/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const DOC = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/card-api.md');
const ANSWERS = [
  companyAnswerSchema,
  dealAnswerSchema,
  contactAnswerSchema,
  organizationAnswerSchema,
  requesterAnswerSchema,
];

/** A JSON Schema node as zod writes it (the subset the contract uses). */
interface Node {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  anyOf?: Node[];
  $ref?: string;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
}

/** Every named schema (`meta({ id })`) the answers use, as JSON Schema. */
function namedSchemas(): Map<string, Node> {
  const defs = new Map<string, Node>();
  for (const schema of ANSWERS) {
    const json = z.toJSONSchema(schema, { io: 'output' }) as { $defs?: Record<string, Node> };
    for (const [name, def] of Object.entries(json.$defs ?? {})) defs.set(name, def);
  }
  return defs;
}

const SCALARS: Record<string, string> = {
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  null: 'null',
};

/** The type column of a field: `number \| null`, `'a' \| 'b'`, `AccountCard`, `object[]`, ... */
function typeOf(node: Node): { type: string; object: Node | null } {
  if (node.$ref) return { type: node.$ref.replace('#/$defs/', ''), object: null };
  if (node.anyOf) {
    const parts = node.anyOf.map(typeOf);
    return {
      type: parts.map((p) => p.type).join(' | '),
      object: parts.find((p) => p.object)?.object ?? null,
    };
  }
  if (node.enum) return { type: node.enum.map((v) => `'${String(v)}'`).join(' | '), object: null };
  const types = Array.isArray(node.type) ? node.type : [node.type ?? 'unknown'];
  const names = types.map((t) => {
    if (t === 'string' && node.format === 'date-time') return 'date-time';
    if (t === 'object') return 'object';
    if (t === 'array') {
      const item = typeOf(node.items ?? {});
      return item.object ? 'object[]' : item.type.includes(' | ') ? `(${item.type})[]` : `${item.type}[]`;
    }
    return SCALARS[t] ?? t;
  });
  const object = types.includes('object')
    ? node
    : types.includes('array')
      ? typeOf(node.items ?? {}).object
      : null;
  return { type: names.join(' | '), object };
}

type Rows = Map<string, string>;

/** `Omit<Name, 'a' | 'b'>`: a named schema without some fields (the doc's shorthand for an inline copy). */
const OMIT = /^Omit<(\w+), ((?:'\w+'(?: \| )?)+)>/;

/**
 * The rows a named schema's table must have: one per field, nested fields as `a.b` and array
 * items as `a[].b`. A field the doc writes as `Omit<Name, ...>` is checked against that schema
 * and not broken down.
 */
function expectedRows(
  def: Node,
  defs: Map<string, Node>,
  doc: Rows,
  prefix = '',
  out: Rows = new Map(),
): Rows {
  for (const [key, node] of Object.entries(def.properties ?? {})) {
    const path = `${prefix}${key}${def.required?.includes(key) ? '' : '?'}`;
    const { type, object } = typeOf(node);
    const shorthand = OMIT.exec(doc.get(path) ?? '');
    if (object && shorthand) {
      const [, name, keys] = shorthand;
      const omitted = new Set([...keys!.matchAll(/'(\w+)'/g)].map((m) => m[1]));
      const base = defs.get(name!);
      const without = base && {
        ...base,
        properties: Object.fromEntries(
          Object.entries(base.properties ?? {}).filter(([k]) => !omitted.has(k)),
        ),
        required: base.required?.filter((k) => !omitted.has(k)),
      };
      if (JSON.stringify(without) === JSON.stringify(object)) {
        out.set(path, type.replace('object', shorthand[0]));
        continue;
      }
    }
    out.set(path, type);
    if (object) expectedRows(object, defs, doc, `${path}${type.includes('[]') ? '[]' : ''}.`, out);
  }
  return out;
}

/** The doc's `## \`Name\`` sections, each with the rows of the first table after its heading. */
function docTables(markdown: string): Map<string, Rows> {
  const tables = new Map<string, Rows>();
  let current: Rows | null = null;
  let inTable = false;
  for (const line of markdown.split('\n')) {
    const heading = /^##+ `(\w+)`\s*$/.exec(line);
    if (heading) {
      current = new Map();
      tables.set(heading[1]!, current);
      inTable = false;
      continue;
    }
    if (/^#/.test(line)) {
      current = null;
      continue;
    }
    if (!current) continue;
    if (!line.startsWith('|')) {
      if (inTable) current = null;
      continue;
    }
    inTable = true;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|').replace(/^`|`$/g, ''));
    if (cells[0] === 'Field' || /^-+$/.test(cells[0]!)) continue;
    current.set(cells[0]!, cells[1] ?? '');
  }
  return tables;
}

const row = (path: string, type: string) => `| \`${path}\` | \`${type.replaceAll('|', '\\|')}\` | |`;

describe('docs/card-api.md', async () => {
  const defs = namedSchemas();
  const tables = docTables(await readFile(DOC, 'utf8'));

  it('has a field table for every schema the card and sidebar answers use, and for no other', () => {
    expect([...tables.keys()].sort()).toEqual([...defs.keys()].sort());
  });

  it.each([...defs.keys()])('lists every field of %s with its type, and no other', (name) => {
    const doc = tables.get(name) ?? new Map<string, string>();
    const expected = expectedRows(defs.get(name)!, defs, doc);
    const missing = [...expected].filter(([path]) => !doc.has(path));
    const extra = [...doc.keys()].filter((path) => !expected.has(path));
    const wrong = [...expected].filter(([path, type]) => doc.has(path) && doc.get(path) !== type);
    expect(
      {
        missing: missing.map(([p, t]) => row(p, t)),
        extra,
        wrongType: wrong.map(([p, t]) => `${p}: the doc says ${doc.get(p)}, the schema ${t}`),
      },
      `docs/card-api.md, ## \`${name}\``,
    ).toEqual({ missing: [], extra: [], wrongType: [] });
  });
});
