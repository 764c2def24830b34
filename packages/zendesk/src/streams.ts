import { type ApiClient, mapPage, type Stream } from '@csm/http';
import type { RecordKind, RecordOf } from '@csm/store';
import { z } from 'zod';
import {
  type Mapped,
  mapOrganization,
  mapSatisfactionRating,
  mapTicket,
  mapUser,
  type ZendeskMetricSet,
  zendeskMetricSet,
} from './mapping.ts';
import { zendeskPaths } from './paths.ts';
import { zendeskRequest } from './sdk.ts';
import { surveyResponsesStream } from './survey-responses.ts';
import { switchedOn } from './switched-on.ts';

/** Cursor exports return up to 1000 records a page; cursor list endpoints up to 100. */
export const EXPORT_PAGE_SIZE = 1000;
export const LIST_PAGE_SIZE = 100;
/** Zendesk refuses an export `start_time` less than a minute old. */
const MIN_START_AGE_S = 60;
/** Ratings are filtered by creation time; an answer can come days after the offer, so re-read a week. */
const RATINGS_LOOKBACK_S = 7 * 24 * 3600;

const cursorCheckpoint = z.object({ cursor: z.string() });
const cursorExportPage = z
  .object({ after_cursor: z.string().nullable(), end_of_stream: z.boolean() })
  .loose();

/**
 * `zendeskCursorExport`: `start_time=0` on the first call, then `cursor=after_cursor` until
 * `end_of_stream`. The last `after_cursor` is the checkpoint: the next sync resumes from it and
 * sees only what changed. https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
 */
function defineCursorExport<K extends RecordKind>(definition: {
  name: string;
  kind: K;
  path: string;
  /** The node-zendesk client the requests go through. */
  resource: 'tickets' | 'users';
  itemsKey: string;
  include?: string;
  requiredScopes: readonly string[];
  map(items: unknown[], body: Record<string, unknown>): (item: unknown) => Mapped<RecordOf<K>>;
}): Stream<K, RecordOf<K>> {
  return {
    name: definition.name,
    source: 'zendesk',
    kind: definition.kind,
    requiredScopes: definition.requiredScopes,
    async *pages(client: ApiClient, context) {
      const saved = cursorCheckpoint.safeParse(context.checkpoint);
      let cursor = saved.success ? saved.data.cursor : null;
      for (;;) {
        const { body } = await zendeskRequest(client, definition.resource, 'GET', definition.path, {
          ...(cursor ? { cursor } : { start_time: 0 }),
          per_page: EXPORT_PAGE_SIZE,
          include: definition.include,
        });
        const page = cursorExportPage.parse(body);
        const items = z.array(z.unknown()).parse(page[definition.itemsKey] ?? []);
        // An empty last page may come without a cursor: keep the one we have.
        cursor = page.after_cursor ?? cursor;
        const checkpoint = cursor ? { cursor } : null;
        yield mapPage(definition.kind, items, definition.map(items, page), checkpoint);
        if (page.end_of_stream) return;
        if (!page.after_cursor)
          throw new Error(`Zendesk ${definition.path}: more pages announced but no after_cursor`);
      }
    },
  };
}

const timeCheckpoint = z.object({ startTime: z.number().int().nonnegative() });
const timeExportPage = z
  .object({ end_time: z.number().nullable().optional(), end_of_stream: z.boolean() })
  .loose();

/**
 * `zendeskTimeExport`: time-based export for organizations; `end_time` of a page is the next
 * `start_time`. The same record can appear on two pages; upserts are idempotent.
 */
function defineTimeExport<K extends RecordKind>(definition: {
  name: string;
  kind: K;
  path: string;
  itemsKey: string;
  requiredScopes: readonly string[];
  map: (item: unknown) => Mapped<RecordOf<K>>;
}): Stream<K, RecordOf<K>> {
  return {
    name: definition.name,
    source: 'zendesk',
    kind: definition.kind,
    requiredScopes: definition.requiredScopes,
    async *pages(client, context) {
      const saved = timeCheckpoint.safeParse(context.checkpoint);
      let startTime = saved.success ? saved.data.startTime : 0;
      for (;;) {
        if (startTime > context.now.getTime() / 1000 - MIN_START_AGE_S) return;
        const { body } = await zendeskRequest(client, 'organizations', 'GET', definition.path, {
          start_time: startTime,
        });
        const page = timeExportPage.parse(body);
        const items = z.array(z.unknown()).parse(page[definition.itemsKey] ?? []);
        const endTime = page.end_time ?? startTime;
        yield mapPage(definition.kind, items, definition.map, { startTime: Math.max(endTime, startTime) });
        if (page.end_of_stream) return;
        if (endTime <= startTime) {
          throw new Error(`Zendesk ${definition.path}: end_time did not advance past ${startTime}`);
        }
        startTime = endTime;
      }
    },
  };
}

const ratingsCheckpoint = z.object({ startTime: z.number().int().nonnegative() });
const ratingsPage = z
  .object({
    satisfaction_ratings: z.array(z.unknown()),
    // Absent when a server answers without cursor paging: then this page is the only one.
    meta: z
      .object({ has_more: z.boolean(), after_cursor: z.string().nullable().optional() })
      .default({ has_more: false }),
  })
  .loose();

/**
 * `zendeskLinksNext`-style cursor paging (`page[size]`, `page[after]`, `meta.has_more`) over
 * satisfaction ratings created since the checkpoint.
 */
const satisfactionRatings: Stream<'surveyResponses', RecordOf<'surveyResponses'>> = {
  name: 'zendesk.satisfaction_ratings',
  source: 'zendesk',
  kind: 'surveyResponses',
  requiredScopes: ['satisfaction_ratings:read'],
  async *pages(client, context) {
    const saved = ratingsCheckpoint.safeParse(context.checkpoint);
    const startTime = saved.success ? Math.max(0, saved.data.startTime - RATINGS_LOOKBACK_S) : 0;
    let newest = saved.success ? saved.data.startTime : 0;
    let after: string | undefined;
    for (;;) {
      const { body } = await zendeskRequest(
        client,
        'satisfactionratings',
        'GET',
        zendeskPaths.satisfactionRatings,
        {
          start_time: startTime,
          'page[size]': LIST_PAGE_SIZE,
          'page[after]': after,
        },
      );
      const page = ratingsPage.parse(body);
      for (const item of page.satisfaction_ratings) {
        const created = Date.parse(String((item as { created_at?: unknown }).created_at));
        if (Number.isFinite(created)) newest = Math.max(newest, Math.floor(created / 1000));
      }
      yield mapPage('surveyResponses', page.satisfaction_ratings, mapSatisfactionRating, {
        startTime: newest,
      });
      if (!page.meta.has_more || !page.meta.after_cursor) return;
      after = page.meta.after_cursor;
    }
  },
};

function metricSetsOf(body: Record<string, unknown>): Map<string, ZendeskMetricSet> {
  const sets = new Map<string, ZendeskMetricSet>();
  for (const item of Array.isArray(body.metric_sets) ? body.metric_sets : []) {
    const parsed = zendeskMetricSet.safeParse(item);
    if (parsed.success) sets.set(parsed.data.ticket_id, parsed.data);
  }
  return sets;
}

/**
 * The Zendesk streams of a tenant, in the order a sync runs them. Satisfaction comes from legacy
 * ratings, the current CSAT's survey responses, or both: whichever endpoint answers (see
 * `switchedOn`); when both answer, a ticket's survey response supersedes its legacy rating
 * (Zendesk mirrors current-CSAT answers as legacy ratings; the store counts one per ticket).
 */
export const zendeskStreams = [
  defineTimeExport({
    name: 'zendesk.organizations',
    kind: 'zendeskOrganizations',
    path: zendeskPaths.organizationsTimeExport,
    itemsKey: 'organizations',
    requiredScopes: ['organizations:read'],
    map: mapOrganization,
  }),
  defineCursorExport({
    name: 'zendesk.users',
    kind: 'zendeskUsers',
    path: zendeskPaths.usersCursorExport,
    resource: 'users',
    itemsKey: 'users',
    requiredScopes: ['users:read'],
    map: () => mapUser,
  }),
  defineCursorExport({
    name: 'zendesk.tickets',
    kind: 'tickets',
    path: zendeskPaths.ticketsCursorExport,
    resource: 'tickets',
    itemsKey: 'tickets',
    include: 'metric_sets',
    requiredScopes: ['tickets:read'],
    map: (_items, body) => {
      const metrics = metricSetsOf(body);
      return (item) => mapTicket(item, metrics);
    },
  }),
  switchedOn(satisfactionRatings, 'legacy satisfaction ratings'),
  switchedOn(surveyResponsesStream, 'CSAT survey responses'),
] as const;
