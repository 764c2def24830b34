/**
 * The owners stream: HubSpot's owners (the users records are assigned to), so an account's
 * `hubspot_owner_id` reads as a person. Owners are few and have no modified-since filter, so every
 * sync reads them whole: the active owners, then the archived ones (deactivated users still own
 * records; `archived=true` lists only those). Each page is written with a checkpoint that resumes
 * a read a crash interrupted; the last one says the read is complete, so the next sync starts over.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/owners/guide
 */
import { type MappedRecord, mapPage, type Stream, type StreamPage } from '@csm/http';
import { type OwnerRecord, ownerRecord } from '@csm/store';
import { z } from 'zod';
import { type HubSpotSdk, hubspotSdk, rawBody } from './sdk.ts';

/** The largest page `/crm/v3/owners` gives. */
export const OWNERS_PAGE_SIZE = 500;

/** Where an owners read stands: a listing (`active` or `archived`) and its next page, or `done`. */
export const ownersCheckpoint = z.discriminatedUnion('phase', [
  z.object({ phase: z.enum(['active', 'archived']), after: z.string().nullable() }),
  z.object({ phase: z.literal('done') }),
]);
export type OwnersCheckpoint = z.infer<typeof ownersCheckpoint>;

const ownersPage = z.object({
  results: z.array(z.unknown()),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** One owner as `/crm/v3/owners` lists it (`teams`, `userId` and the rest are not kept). */
const hubspotOwner = z.object({
  id: z.coerce.string(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  archived: z.boolean().optional(),
  updatedAt: z.string(),
});

const text = (value: string | null | undefined) => value?.trim() || null;

/**
 * An owner of the listing `archived` (or not) as our record; a malformed one is quarantined.
 *
 * @example
 * mapOwner({ id: '41629779', email: 'Ann@x.com', firstName: 'Ann', updatedAt: '2026-01-02T00:00:00Z' }, false)
 * // { ok: true, record: { hubspotOwnerId: '41629779', email: 'ann@x.com', firstName: 'Ann', lastName: null, archived: false, updatedAt } }
 */
export function mapOwner(item: unknown, archived: boolean): MappedRecord<OwnerRecord> {
  const raw = hubspotOwner.safeParse(item);
  const id = (item as { id?: unknown } | null)?.id;
  const externalId = typeof id === 'string' || typeof id === 'number' ? String(id) : 'unknown';
  const refuse = (issue: z.core.$ZodIssue | undefined): MappedRecord<OwnerRecord> => ({
    ok: false,
    quarantined: {
      externalId,
      reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'malformed owner',
      payload: item,
    },
  });
  if (!raw.success) return refuse(raw.error.issues[0]);
  const o = raw.data;
  const record = ownerRecord.safeParse({
    hubspotOwnerId: o.id,
    email: text(o.email)?.toLowerCase() ?? null,
    firstName: text(o.firstName),
    lastName: text(o.lastName),
    archived: o.archived ?? archived,
    updatedAt: new Date(o.updatedAt),
  });
  return record.success ? { ok: true, record: record.data } : refuse(record.error.issues[0]);
}

/** The owners stream (`hubspot.owners`): a whole read every sync, active owners then archived ones. */
export const ownersStream: Stream<'owners', OwnerRecord> = {
  name: 'hubspot.owners',
  source: 'hubspot',
  kind: 'owners',
  requiredScopes: ['crm.objects.owners.read'],
  async *pages(client, context) {
    // Only a read a crash interrupted resumes; after a complete one (or none) the read starts over.
    const parsed = ownersCheckpoint.safeParse(context.checkpoint);
    yield* readFrom(hubspotSdk(client).crm.owners.ownersApi, parsed.success ? parsed.data : null);
  },
};

type OwnersApi = HubSpotSdk['crm']['owners']['ownersApi'];

async function* readFrom(
  ownersApi: OwnersApi,
  start: OwnersCheckpoint | null,
): AsyncGenerator<StreamPage<'owners', OwnerRecord>> {
  let at: { phase: 'active' | 'archived'; after: string | null } =
    start && start.phase !== 'done' ? start : { phase: 'active', after: null };
  for (;;) {
    const archived = at.phase === 'archived';
    const info = await ownersApi.getPageWithHttpInfo(
      undefined,
      at.after ?? undefined,
      OWNERS_PAGE_SIZE,
      archived,
    );
    const page = ownersPage.parse(rawBody(info));
    const after = page.paging?.next?.after ?? null;
    const next: OwnersCheckpoint =
      after !== null
        ? { phase: at.phase, after }
        : archived
          ? { phase: 'done' }
          : { phase: 'archived', after: null };
    yield mapPage('owners', page.results, (item) => mapOwner(item, archived), next);
    if (next.phase === 'done') return;
    at = next;
  }
}
