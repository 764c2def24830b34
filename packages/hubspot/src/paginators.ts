import type { ApiClient } from '@csm/http';
import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { z } from 'zod';
import { type HubSpotObject, hubspotObject } from './mapping.ts';
import { hubspotSdk, rawBody } from './sdk.ts';

const listPage = z.object({
  results: z.array(z.unknown()),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

const searchPage = z.object({
  total: z.number().optional(),
  results: z.array(z.unknown()),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** Largest page each endpoint allows (list 100, search 200) and the search result cap. */
export const LIST_PAGE_SIZE = 100;
export const SEARCH_PAGE_SIZE = 200;
export const SEARCH_RESULT_CAP = 10_000;

export interface RawPage {
  objects: HubSpotObject[];
  /** Items that failed the object schema; quarantined by the stream. */
  malformed: { item: unknown; reason: string }[];
}

function splitObjects(items: unknown[]): RawPage {
  const page: RawPage = { objects: [], malformed: [] };
  for (const item of items) {
    const parsed = hubspotObject.safeParse(item);
    if (parsed.success) page.objects.push(parsed.data);
    else page.malformed.push({ item, reason: parsed.error.issues[0]?.message ?? 'malformed object' });
  }
  return page;
}

/**
 * `hubspotAfter`: the list endpoint, 100 a page, following `paging.next.after` to the end.
 * Yields each page with the `after` that fetches the next one (null at the end).
 */
export async function* hubspotAfter(
  client: ApiClient,
  options: {
    objectType: string;
    properties: readonly string[];
    associations: readonly string[];
    after: string | null;
  },
): AsyncGenerator<RawPage & { after: string | null }> {
  let after = options.after;
  const { basicApi } = hubspotSdk(client).crm.objects;
  do {
    // One comma-separated value per list parameter (HubSpot takes both forms; this one is shorter).
    const info = await basicApi.getPageWithHttpInfo(
      options.objectType,
      LIST_PAGE_SIZE,
      after ?? undefined,
      [options.properties.join(',')],
      undefined,
      options.associations.length ? [options.associations.join(',')] : undefined,
      false,
    );
    const page = listPage.parse(rawBody(info));
    after = page.paging?.next?.after ?? null;
    yield { ...splitObjects(page.results), after };
  } while (after !== null);
}

/**
 * `hubspotSearchWindow`: everything modified at or after `since`, oldest first, 200 a page.
 * Search stops at 10,000 results per query, so when a query would pass it a new query starts at
 * the last modification time seen (GTE: records sharing that instant are read twice, which the
 * idempotent upsert absorbs). Yields each page with the modification time that is safe to resume from.
 */
export async function* hubspotSearchWindow(
  client: ApiClient,
  options: { objectType: string; properties: readonly string[]; modifiedProperty: string; since: Date },
): AsyncGenerator<RawPage & { resumeFrom: Date }> {
  let since = options.since;
  let after: string | undefined;
  const { searchApi } = hubspotSdk(client).crm.objects;
  for (;;) {
    const request = {
      filterGroups: [
        {
          filters: [
            { propertyName: options.modifiedProperty, operator: 'GTE', value: String(since.getTime()) },
          ],
        },
      ],
      // The SDK types `sorts` as strings; HubSpot documents objects, which the serializer passes through.
      sorts: [{ propertyName: options.modifiedProperty, direction: 'ASCENDING' }],
      properties: [...options.properties],
      limit: SEARCH_PAGE_SIZE,
      ...(after ? { after } : {}),
    } as unknown as PublicObjectSearchRequest;
    const info = await searchApi.doSearchWithHttpInfo(options.objectType, request);
    const page = searchPage.parse(rawBody(info));
    const raw = splitObjects(page.results);
    const last = raw.objects.at(-1);
    const lastMs = last ? Date.parse(last.updatedAt) : Number.NaN;
    const lastModified = Number.isFinite(lastMs) ? new Date(lastMs) : since;
    yield { ...raw, resumeFrom: lastModified };
    const next = page.paging?.next?.after;
    if (!next) return;
    if (Number(next) + SEARCH_PAGE_SIZE > SEARCH_RESULT_CAP) {
      if (lastModified.getTime() <= since.getTime()) {
        throw new Error(
          `HubSpot search: more than ${SEARCH_RESULT_CAP} ${options.objectType} share the modification time ${since.toISOString()}`,
        );
      }
      since = lastModified;
      after = undefined;
    } else {
      after = next;
    }
  }
}

const associationsAnswer = z.object({
  results: z.array(
    z.object({
      from: z.object({ id: z.coerce.string() }),
      to: z.array(
        z.object({
          toObjectId: z.coerce.string(),
          associationTypes: z
            .array(z.object({ typeId: z.number().optional(), label: z.string().nullable().optional() }))
            .default([]),
        }),
      ),
    }),
  ),
});

/**
 * The primary association of each object (v4 batch read, label `Primary`), else its first one.
 * Search results carry no associations, so incremental pages read them here, one call a page.
 */
export async function readPrimaryAssociations(
  client: ApiClient,
  from: string,
  to: string,
  ids: string[],
): Promise<Map<string, string>> {
  const primary = new Map<string, string>();
  if (ids.length === 0) return primary;
  const info = await hubspotSdk(client).crm.associations.v4.batchApi.getPageWithHttpInfo(from, to, {
    inputs: ids.map((id) => ({ id })),
  });
  for (const result of associationsAnswer.parse(rawBody(info)).results) {
    const chosen =
      result.to.find((t) => t.associationTypes.some((a) => a.label === 'Primary')) ?? result.to[0];
    if (chosen) primary.set(result.from.id, chosen.toObjectId);
  }
  return primary;
}

/** Primary associations from the inline v3 `associations` of list results (`deal_to_company` is primary). */
export function inlinePrimaryAssociations(objects: HubSpotObject[], to: string): Map<string, string> {
  const primary = new Map<string, string>();
  for (const object of objects) {
    const results = object.associations?.[to]?.results ?? [];
    const chosen = results.find((r) => !r.type.endsWith('_unlabeled')) ?? results[0];
    if (chosen) primary.set(object.id, chosen.id);
  }
  return primary;
}
