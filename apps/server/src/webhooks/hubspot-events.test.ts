import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hubspotObjectStreams } from '@csm/hubspot';
import { describe, expect, it } from 'vitest';
import { hubspotBatchSchema, hubspotDeletionOf, hubspotStreamsOf } from './hubspot-events.ts';

/** The project's webhooks component, as uploaded with the HubSpot app. */
const component = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, '../../../hubspot-app/src/app/webhooks/webhooks-hsmeta.json'),
    'utf8',
  ),
) as {
  config: {
    subscriptions: {
      crmObjects: { subscriptionType: string; objectType: string; propertyName?: string; active: boolean }[];
    };
  };
};
const subscriptions = component.config.subscriptions.crmObjects;

/** Object names of the webhooks component -> the stream and the HubSpot object type id. */
const OBJECTS: Record<string, { stream: string; typeId: string }> = {
  company: { stream: 'hubspot.companies', typeId: '0-2' },
  contact: { stream: 'hubspot.contacts', typeId: '0-1' },
  deal: { stream: 'hubspot.deals', typeId: '0-3' },
  ticket: { stream: 'hubspot.tickets', typeId: '0-5' },
  feedback_submission: { stream: 'hubspot.feedback_submissions', typeId: '0-19' },
};

/**
 * Properties a stream reads that need no subscription: timestamps every change moves, values
 * HubSpot derives from a subscribed one (`hs_is_closed_won`, `closed_date` from the stage), and
 * survey fields fixed when the answer is submitted.
 */
const UNSUBSCRIBED = new Set([
  'createdate',
  'hs_createdate',
  'hs_lastmodifieddate',
  'lastmodifieddate',
  'hs_is_closed_won',
  'closed_date',
  'hs_submission_timestamp',
  'hs_response_group',
  'hs_content',
]);

describe('HubSpot events', () => {
  it('maps generic (2025.2) and classic events to the streams that read their objects', () => {
    const generic = (subscriptionType: string, objectTypeId: string) => ({ subscriptionType, objectTypeId });
    expect(hubspotStreamsOf(generic('object.propertyChange', '0-3'))).toEqual(['hubspot.deals']);
    expect(hubspotStreamsOf(generic('object.creation', '0-19'))).toEqual(['hubspot.feedback_submissions']);
    expect(hubspotStreamsOf(generic('object.deletion', '0-2'))).toEqual(['hubspot.companies']);
    expect(hubspotStreamsOf(generic('object.creation', '0-7'))).toEqual([]);
    expect(
      hubspotStreamsOf({
        subscriptionType: 'object.associationChange',
        objectTypeId: '0-3',
        fromObjectTypeId: '0-3',
        toObjectTypeId: '0-2',
      }),
    ).toEqual(['hubspot.deals', 'hubspot.companies']);
    expect(hubspotStreamsOf({ subscriptionType: 'contact.propertyChange' })).toEqual(['hubspot.contacts']);
    expect(hubspotStreamsOf({ subscriptionType: 'product.creation' })).toEqual([]);
  });

  it('names the record a deletion event removes; other events and objects name none', () => {
    const occurredAt = 1_790_000_000_000;
    const at = new Date(occurredAt);
    const of = (subscriptionType: string, over: { objectTypeId?: string; objectId?: number } = {}) =>
      hubspotDeletionOf({ subscriptionType, occurredAt, objectId: 42, ...over });
    expect(of('object.deletion', { objectTypeId: '0-3' })).toEqual({
      object: 'deal',
      id: '42',
      occurredAt: at,
    });
    expect(of('object.deletion', { objectTypeId: '0-2' })?.object).toBe('company');
    expect(of('object.deletion', { objectTypeId: '0-1' })?.object).toBe('contact');
    expect(of('object.deletion', { objectTypeId: '0-5' })?.object).toBe('ticket');
    expect(of('company.deletion')).toEqual({ object: 'company', id: '42', occurredAt: at });
    expect(of('contact.privacyDeletion')?.object).toBe('contact');
    expect(of('object.deletion', { objectTypeId: '0-19' })).toBeNull();
    expect(of('object.propertyChange', { objectTypeId: '0-2' })).toBeNull();
    expect(of('product.deletion')).toBeNull();
    expect(hubspotDeletionOf({ subscriptionType: 'deal.deletion', occurredAt })).toBeNull();
  });

  it('parses both payloads and names a malformed objectTypeId', () => {
    const base = { eventId: 1, portalId: 7, occurredAt: 1, subscriptionType: 'object.creation' };
    expect(
      hubspotBatchSchema.parse([{ ...base, objectId: 5, objectTypeId: '0-3', changeFlag: 'CREATED' }]),
    ).toEqual([expect.objectContaining({ eventId: '1', objectTypeId: '0-3', changeFlag: 'CREATED' })]);
    const bad = hubspotBatchSchema.safeParse([{ ...base, objectTypeId: 'deal' }]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual([0, 'objectTypeId']);
  });

  it('the project subscribes to creation, deletion and the figures’ properties of every object a stream reads', () => {
    expect(subscriptions.every((s) => s.active)).toBe(true);
    for (const stream of hubspotObjectStreams) {
      const [object, { typeId }] = Object.entries(OBJECTS).find(([, o]) => o.stream === stream.name)!;
      const own = subscriptions.filter((s) => s.objectType === object);
      const types = new Set(own.map((s) => s.subscriptionType));
      expect([...types], object).toEqual(expect.arrayContaining(['object.creation', 'object.deletion']));
      const watched = own
        .filter((s) => s.subscriptionType === 'object.propertyChange')
        .map((s) => s.propertyName);
      const needed = stream.properties.filter((p) => !UNSUBSCRIBED.has(p));
      expect(watched.sort(), object).toEqual([...needed].sort());
      // Every event the project can send names this stream.
      for (const s of own)
        expect(hubspotStreamsOf({ subscriptionType: s.subscriptionType, objectTypeId: typeId })).toEqual([
          stream.name,
        ]);
    }
    const objects = new Set(subscriptions.map((s) => s.objectType));
    expect([...objects].sort()).toEqual(Object.keys(OBJECTS).sort());
  });
});
