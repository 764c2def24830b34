/**
 * What changed since the last refresh of the cards, captured by the database whatever wrote it
 * (a sync page, a webhook, an ingested batch, a link set from the dashboard, a hand-run UPDATE):
 * statement-level triggers with transition tables add the keys the old and the new rows name
 * (a company, a domain, a contact, an email, an organization, a Zendesk user or ticket) to
 * `touched_keys` in the writing transaction: one row per statement and kind, its keys in an array,
 * so that a page of a thousand records costs a few rows, not thousands. An UPDATE counts only rows that actually differ, so
 * a look-back window re-reading unchanged records touches nothing. The refresh resolves the keys
 * to accounts by the identity rules (touched-keys.ts) and recomputes only those.
 *
 * `tx` is the writing transaction, so that a refresh consumes only keys of transactions that had
 * ended when it started (a key whose transaction commits late is kept for the next refresh).
 * `tenant_settings.full_refresh_at` records the last refresh of every card: a refresh on a later
 * day, or after a settings change, recomputes everything.
 */

export interface Capture {
  table: string;
  /** The column naming the tenant. */
  tenant?: string;
  /** Columns whose change counts (default: the whole row). */
  compare?: string[];
  /** [kind, expression over the row `r`]; a null key is skipped. */
  keys: [string, string][];
  events?: readonly Event[];
}

type Event = 'insert' | 'update' | 'delete';

const captures: Capture[] = [
  {
    table: 'companies',
    keys: [
      ['company', 'r.hubspot_company_id'],
      ['domain', 'lower(r.domain)'],
    ],
  },
  {
    table: 'contacts',
    keys: [
      ['contact', 'r.hubspot_contact_id'],
      ['company', 'r.primary_company_id'],
      ['email', 'lower(r.email)'],
    ],
  },
  { table: 'deals', keys: [['company', 'r.company_id']] },
  {
    table: 'tickets',
    keys: [
      ['company', 'r.company_id'],
      ['contact', 'r.contact_id'],
      ['org', 'r.organization_id'],
      ['user', 'r.requester_id'],
    ],
  },
  {
    table: 'survey_responses',
    keys: [
      ['company', 'r.company_id'],
      ['contact', 'r.contact_id'],
      ['ticket', 'r.zendesk_ticket_id'],
    ],
  },
  { table: 'zendesk_organizations', keys: [['org', 'r.zendesk_org_id']] },
  {
    table: 'zendesk_org_domains',
    keys: [
      ['org', 'r.zendesk_org_id'],
      ['domain', 'r.domain'],
    ],
  },
  { table: 'zendesk_users', keys: [['email', 'lower(r.email)']] },
  {
    table: 'org_links',
    keys: [
      ['company', 'r.hubspot_company_id'],
      ['org', 'r.zendesk_org_id'],
    ],
  },
  { table: 'account_usage', keys: [['company', 'r.company_id']] },
  // The portal's currency is on every card: a change recomputes them all.
  {
    table: 'tenants',
    tenant: 'id',
    compare: ['id', 'currency'],
    keys: [['all', "''"]],
    events: ['update'],
  },
];

export function captureSql(c: Capture): string {
  const tenant = c.tenant ?? 'tenant_id';
  const cols = c.compare?.join(', ') ?? '*';
  const fn = `touched_${c.table}`;
  const insertKeys = (rows: string) => `
    INSERT INTO touched_keys (tenant_id, kind, keys)
    SELECT r.${tenant}, k.kind, array_agg(DISTINCT k.key) FROM ${rows} r
    CROSS JOIN LATERAL (VALUES ${c.keys.map(([kind, expr]) => `('${kind}', ${expr})`).join(', ')}) AS k(kind, key)
    WHERE k.key IS NOT NULL
      AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = r.${tenant})
    GROUP BY r.${tenant}, k.kind;`;
  const changed = `((SELECT ${cols} FROM old_rows EXCEPT SELECT ${cols} FROM new_rows)
      UNION ALL (SELECT ${cols} FROM new_rows EXCEPT SELECT ${cols} FROM old_rows))`;
  const referencing: Record<Event, string> = {
    insert: 'NEW TABLE AS new_rows',
    update: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    delete: 'OLD TABLE AS old_rows',
  };
  const events = c.events ?? (['insert', 'update', 'delete'] as const);
  return `
CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN ${insertKeys(c.compare ? `(SELECT ${cols} FROM new_rows)` : 'new_rows')}
  ELSIF TG_OP = 'DELETE' THEN ${insertKeys(c.compare ? `(SELECT ${cols} FROM old_rows)` : 'old_rows')}
  ELSE ${insertKeys(changed)}
  END IF;
  RETURN NULL;
END $$;
${events
  .map(
    (event) =>
      `CREATE TRIGGER ${c.table}_touched_${event} AFTER ${event.toUpperCase()} ON ${c.table}
  REFERENCING ${referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`,
  )
  .join('\n')}`;
}

export const touchedKeys = `
CREATE TABLE touched_keys (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  seq bigserial,
  kind text NOT NULL,
  keys text[] NOT NULL,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (tenant_id, seq)
);
ALTER TABLE tenant_settings ADD COLUMN full_refresh_at timestamptz;
${captures.map(captureSql).join('\n')}
`;
