/**
 * The offline rules of a project's webhooks component (`src/app/webhooks/*-hsmeta.json`), as
 * HubSpot documents the 2025.2 format
 * (https://developers.hubspot.com/docs/apps/developer-platform/add-features/configure-webhooks):
 * `config.settings` { targetUrl, maxConcurrentRequests } and `config.subscriptions` with
 * `crmObjects` (the `object.*` format, with `objectType`), `legacyCrmObjects` (classic
 * `contact.creation`-style types) and `hubEvents` (`contact.privacyDeletion`, `conversation.*`);
 * a property change names its property; every subscription says whether it is `active`.
 */

/** Generic (`object.*`) subscription types of `crmObjects`. */
export const CRM_OBJECT_TYPES = new Set([
  'object.creation',
  'object.deletion',
  'object.propertyChange',
  'object.associationChange',
  'object.merge',
  'object.restore',
]);
const CHANGES = ['creation', 'deletion', 'propertyChange', 'associationChange', 'merge', 'restore'];
const LEGACY_OBJECTS = ['contact', 'company', 'deal', 'ticket', 'product', 'line_item'];
/** Classic subscription types of `legacyCrmObjects`. */
export const LEGACY_TYPES = new Set(LEGACY_OBJECTS.flatMap((o) => CHANGES.map((c) => `${o}.${c}`)));
/** `hubEvents`: privacy deletion and conversations, which have no generic form. */
export const HUB_EVENT_TYPES = new Set([
  'contact.privacyDeletion',
  ...['creation', 'deletion', 'privacyDeletion', 'propertyChange', 'newMessage'].map(
    (c) => `conversation.${c}`,
  ),
]);
/** CRM object names a `crmObjects` subscription may name (custom objects: `p_name` or `2-123`). */
const KNOWN_OBJECTS = new Set([
  ...LEGACY_OBJECTS,
  'feedback_submission',
  'quote',
  'call',
  'email',
  'meeting',
  'note',
  'task',
  'communication',
  'postal_mail',
  'lead',
  'goal_target',
  'appointment',
  'course',
  'listing',
  'service',
  'invoice',
  'order',
  'cart',
  'subscription',
  'commerce_payment',
  'discount',
  'fee',
  'tax',
]);

export interface WebhooksConfig {
  settings?: { targetUrl?: unknown; maxConcurrentRequests?: unknown };
  subscriptions?: Record<string, unknown>;
}

interface Subscription {
  subscriptionType?: unknown;
  objectType?: unknown;
  propertyName?: unknown;
  active?: unknown;
}

/**
 * Problems of one webhooks component. `targetUrl` must be the backend's `/webhooks/hubspot`
 * (`expectedTargetUrl`: the origin the cards fetch, which set-backend-url keeps in step).
 *
 * @example
 * checkWebhooks(meta.config, 'app/webhooks/webhooks-hsmeta.json', 'https://csm.example.org/webhooks/hubspot');
 */
export function checkWebhooks(
  config: WebhooksConfig,
  file: string,
  expectedTargetUrl: string | null,
): string[] {
  const errors: string[] = [];
  const at = (msg: string) => errors.push(`${file}: ${msg}`);
  const settings = config.settings;
  if (!settings || typeof settings !== 'object')
    at('config.settings is required (targetUrl, maxConcurrentRequests)');
  else {
    const url = typeof settings.targetUrl === 'string' ? settings.targetUrl : '';
    if (!/^https:\/\/[^/]+\/\S*$/.test(url))
      at(`config.settings.targetUrl ${JSON.stringify(settings.targetUrl)} must be an https URL`);
    else if (expectedTargetUrl && url !== expectedTargetUrl)
      at(`config.settings.targetUrl ${url} must be ${expectedTargetUrl} (the backend the cards fetch)`);
    const max = settings.maxConcurrentRequests;
    if (!Number.isInteger(max) || (max as number) < 1)
      at(`config.settings.maxConcurrentRequests ${JSON.stringify(max)} must be a positive integer`);
  }

  const subscriptions = config.subscriptions;
  if (!subscriptions || typeof subscriptions !== 'object') {
    at('config.subscriptions is required');
    return errors;
  }
  for (const key of Object.keys(subscriptions))
    if (!['crmObjects', 'legacyCrmObjects', 'hubEvents'].includes(key))
      at(`config.subscriptions.${key} is not one of crmObjects, legacyCrmObjects, hubEvents`);
  const seen = new Set<string>();
  let count = 0;
  for (const kind of ['crmObjects', 'legacyCrmObjects', 'hubEvents'] as const) {
    const list = subscriptions[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      at(`config.subscriptions.${kind} must be an array`);
      continue;
    }
    list.forEach((item: Subscription, i) => {
      count += 1;
      const where = `config.subscriptions.${kind}[${i}]`;
      const type = typeof item?.subscriptionType === 'string' ? item.subscriptionType : '';
      const allowed =
        kind === 'crmObjects'
          ? CRM_OBJECT_TYPES
          : kind === 'legacyCrmObjects'
            ? LEGACY_TYPES
            : HUB_EVENT_TYPES;
      if (!allowed.has(type)) {
        const hint =
          kind === 'crmObjects' && LEGACY_TYPES.has(type)
            ? ' (a classic type: put it in legacyCrmObjects, or use object.* with objectType)'
            : kind === 'legacyCrmObjects' && CRM_OBJECT_TYPES.has(type)
              ? ' (object.* types belong in crmObjects)'
              : '';
        at(
          `${where}.subscriptionType ${JSON.stringify(item?.subscriptionType)} is not a ${kind} type${hint}`,
        );
      }
      if (kind === 'crmObjects') {
        const objectType = item.objectType;
        if (
          typeof objectType !== 'string' ||
          !(KNOWN_OBJECTS.has(objectType) || /^(p_\w+|2-\d+)$/.test(objectType))
        )
          at(
            `${where}.objectType ${JSON.stringify(objectType)} is not a CRM object (company, contact, deal, ...)`,
          );
      } else if (item.objectType !== undefined)
        at(`${where}.objectType belongs to crmObjects subscriptions only`);
      const propertyChange = type.endsWith('.propertyChange');
      if (propertyChange && (typeof item.propertyName !== 'string' || item.propertyName.trim() === ''))
        at(`${where}.propertyName is required for a property change`);
      if (!propertyChange && item.propertyName !== undefined)
        at(`${where}.propertyName belongs to property changes only`);
      if (typeof item.active !== 'boolean') at(`${where}.active must be true or false`);
      const key = `${type} ${String(item.objectType ?? '')} ${String(item.propertyName ?? '')}`;
      if (seen.has(key)) at(`${where} repeats ${key.trim()}`);
      seen.add(key);
    });
  }
  if (count === 0) at('config.subscriptions has no subscription');
  return errors;
}
