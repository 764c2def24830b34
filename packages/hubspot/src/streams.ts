import { mapPage, type QuarantinedRecord, type Stream, type StreamPage } from '@csm/http';
import type { RecordKind, RecordOf } from '@csm/store';
import { z } from 'zod';
import {
  type HubSpotObject,
  mapCompany,
  mapContact,
  mapDeal,
  mapFeedbackSubmission,
  mapTicket,
  type PrimaryAssociations,
} from './mapping.ts';
import { ownersStream } from './owners.ts';
import {
  hubspotAfter,
  hubspotSearchWindow,
  inlinePrimaryAssociations,
  readPrimaryAssociations,
} from './paginators.ts';

/**
 * Checkpoint of a HubSpot stream. A backfill walks the list endpoint by `after`; once done, the
 * stream reads what changed since the backfill began through search, oldest first.
 */
export const hubspotCheckpoint = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('backfill'), after: z.string().nullable(), startedAt: z.iso.datetime() }),
  z.object({ mode: z.literal('incremental'), since: z.iso.datetime() }),
]);
export type HubSpotCheckpoint = z.infer<typeof hubspotCheckpoint>;

/** Re-read this much before the checkpoint: HubSpot's search index trails writes by a few seconds. */
const LOOKBACK_MS = 60_000;

type Associations = Record<string, PrimaryAssociations>;

interface ObjectStreamDefinition<K extends RecordKind> {
  objectType: string;
  kind: K;
  properties: readonly string[];
  /** `hs_lastmodifieddate`, or `lastmodifieddate` for contacts. */
  modifiedProperty: string;
  /** Object types whose primary association the mapping needs. */
  associations: readonly string[];
  requiredScopes: readonly string[];
  map(
    raw: HubSpotObject,
    associations: Associations,
  ): { ok: true; record: RecordOf<K> } | { ok: false; quarantined: QuarantinedRecord } | { ok: 'skip' };
}

/**
 * One generic loop for every HubSpot object stream: backfill through the list endpoint (with
 * associations inline), then incremental through search (associations read per page).
 */
export function defineObjectStream<K extends RecordKind>(
  definition: ObjectStreamDefinition<K>,
): Stream<K, RecordOf<K>> & { readonly properties: readonly string[] } {
  const name = `hubspot.${definition.objectType}`;

  function toPage(
    objects: HubSpotObject[],
    malformed: { item: unknown; reason: string }[],
    associations: Associations,
    checkpoint: HubSpotCheckpoint,
  ): StreamPage<K, RecordOf<K>> {
    const page = mapPage(
      definition.kind,
      objects,
      (raw) => definition.map(raw as HubSpotObject, associations),
      checkpoint,
    );
    for (const { item, reason } of malformed) {
      const id = (item as { id?: unknown } | null)?.id;
      page.quarantined.push({ externalId: typeof id === 'string' ? id : 'unknown', reason, payload: item });
    }
    return page;
  }

  return {
    name,
    source: 'hubspot',
    kind: definition.kind,
    requiredScopes: definition.requiredScopes,
    properties: definition.properties,
    async *pages(client, context) {
      const parsed = hubspotCheckpoint.safeParse(context.checkpoint);
      let checkpoint: HubSpotCheckpoint = parsed.success
        ? parsed.data
        : { mode: 'backfill', after: null, startedAt: context.now.toISOString() };

      if (checkpoint.mode === 'backfill') {
        const startedAt = checkpoint.startedAt;
        for await (const page of hubspotAfter(client, { ...definition, after: checkpoint.after })) {
          const associations: Associations = {};
          for (const to of definition.associations)
            associations[to] = inlinePrimaryAssociations(page.objects, to);
          // The last page hands over to incremental mode from the backfill's start, so that
          // changes made while the backfill ran are read too.
          checkpoint =
            page.after === null
              ? { mode: 'incremental', since: startedAt }
              : { mode: 'backfill', after: page.after, startedAt };
          yield toPage(page.objects, page.malformed, associations, checkpoint);
        }
        return;
      }

      const since = new Date(Date.parse(checkpoint.since) - LOOKBACK_MS);
      for await (const page of hubspotSearchWindow(client, { ...definition, since })) {
        const ids = page.objects.map((o) => o.id);
        const associations: Associations = {};
        for (const to of definition.associations) {
          associations[to] = await readPrimaryAssociations(client, definition.objectType, to, ids);
        }
        // Never move the checkpoint backwards (an empty page resumes from where we started).
        const resume = Math.max(page.resumeFrom.getTime(), Date.parse(checkpoint.since));
        checkpoint = { mode: 'incremental', since: new Date(resume).toISOString() };
        yield toPage(page.objects, page.malformed, associations, checkpoint);
      }
    },
  };
}

const none: PrimaryAssociations = new Map();

/** The CRM object streams (read incrementally; webhooks name them), in the order a sync runs them. */
export const hubspotObjectStreams = [
  defineObjectStream({
    objectType: 'companies',
    kind: 'companies',
    properties: [
      'name',
      'domain',
      'hubspot_owner_id',
      'createdate',
      'hs_lastmodifieddate',
      'notes_last_contacted',
    ],
    modifiedProperty: 'hs_lastmodifieddate',
    associations: [],
    requiredScopes: ['crm.objects.companies.read'],
    map: (raw) => mapCompany(raw),
  }),
  defineObjectStream({
    objectType: 'contacts',
    kind: 'contacts',
    properties: ['email', 'associatedcompanyid', 'lastmodifieddate'],
    modifiedProperty: 'lastmodifieddate',
    associations: [],
    requiredScopes: ['crm.objects.contacts.read'],
    map: (raw) => mapContact(raw),
  }),
  defineObjectStream({
    objectType: 'deals',
    kind: 'deals',
    properties: [
      'dealname',
      'amount',
      'hs_mrr',
      'hs_is_closed_won',
      'dealstage',
      'closedate',
      'csm_contract_end_date',
      'deal_currency_code',
      'hs_lastmodifieddate',
    ],
    modifiedProperty: 'hs_lastmodifieddate',
    associations: ['companies'],
    requiredScopes: ['crm.objects.deals.read'],
    map: (raw, a) => mapDeal(raw, a.companies ?? none),
  }),
  defineObjectStream({
    objectType: 'tickets',
    kind: 'tickets',
    properties: [
      'subject',
      'hs_pipeline_stage',
      'hs_ticket_priority',
      'createdate',
      'closed_date',
      'hs_lastmodifieddate',
    ],
    modifiedProperty: 'hs_lastmodifieddate',
    associations: ['companies', 'contacts'],
    requiredScopes: ['tickets'],
    map: (raw, a) => mapTicket(raw, a.companies ?? none, a.contacts ?? none),
  }),
  defineObjectStream({
    objectType: 'feedback_submissions',
    kind: 'surveyResponses',
    properties: [
      'hs_survey_type',
      'hs_value',
      'hs_response_group',
      'hs_content',
      'hs_submission_timestamp',
      'hs_createdate',
      'hs_lastmodifieddate',
    ],
    modifiedProperty: 'hs_lastmodifieddate',
    associations: ['contacts'],
    requiredScopes: ['crm.objects.feedback_submissions.read'],
    map: (raw, a) => mapFeedbackSubmission(raw, a.contacts ?? none),
  }),
] as const;

/**
 * The HubSpot streams of a tenant, in the order a sync runs them: the object streams, then the
 * owners (read whole every sync, owners.ts), whom the companies' `hubspot_owner_id` names.
 */
export const hubspotStreams = [...hubspotObjectStreams, ownersStream] as const;
