/**
 * @module
 * Look-alikes of the HubSpot and Zendesk APIs, built from their documented shapes and seeded
 * deterministically: one hono app served as msw handlers (tests), through `sandbox.fetch`, or on a
 * loopback port (`csm sandbox serve`). Rate limits with the vendors' headers, OAuth, injected
 * faults, and mutations that incremental syncs can see.
 */
export { isoMs, isoSeconds, type SandboxClock } from './clock.ts';
export type { SandboxCredentials } from './credentials.ts';
export type { SeedData } from './data-view.ts';
export type { JournalEntry, JournalEvent, LifecycleAction } from './hubspot/app-install.ts';
export type { HubSpotObjectJson, HubSpotOwnerJson } from './hubspot/shapes.ts';
export type {
  WebhookDeliveries,
  WebhookDelivery,
  WebhookSubscriptionConfig,
  WebhooksComponentConfig,
} from './hubspot/webhook-deliveries.ts';
export type { ListeningSandbox, ListenOptions } from './listen.ts';
export type { SandboxBases } from './msw-handlers.ts';
export { RecordError } from './mutate/hubspot-records.ts';
export type { PropertyInput, SandboxMutations } from './mutate/mutations.ts';
export type { NewTicket, TicketMetricsPatch, TicketPatch } from './mutate/zendesk-records.ts';
export type { Faults } from './runtime/faults.ts';
export type { SandboxStats } from './runtime/stats.ts';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';
export { formatSummary, type SeedSummary, seedSummary } from './seed/summary.ts';
export { type ServeOptions, serveSandbox } from './serve.ts';
export type { HubSpotObjectType, RatingScore, TicketStatus } from './state/model.ts';
export type { WriteRecord } from './state/state.ts';
export type { ZendeskCsat } from './zendesk/account.ts';
export type {
  ZendeskMetricSetJson,
  ZendeskOrganizationJson,
  ZendeskSatisfactionRatingJson,
  ZendeskTicketJson,
  ZendeskUserJson,
} from './zendesk/shapes.ts';
export type { ZendeskSurveyResponseJson } from './zendesk/survey-shapes.ts';
