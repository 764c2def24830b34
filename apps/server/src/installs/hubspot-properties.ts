import { type ApiClient, ApiError } from '@csm/http';
import { appPropertyDefinitions, createAppProperty, createAppPropertyGroup } from '@csm/hubspot';

/** What creating the app's properties did, per object type: created, already there, refused. */
export interface PropertySetup {
  created: string[];
  existing: string[];
  /** Refusals that did not stop the install (a missing schema scope): shown on the success page. */
  problems: string[];
}

/** HubSpot answers 409 OBJECT_ALREADY_EXISTS for a group or property that exists: fine on reinstall. */
const alreadyExists = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * Creates the `success_metrics` property group and the app's properties on companies and deals
 * (`POST /crm/v3/properties/{type}/groups`, `POST /crm/v3/properties/{type}`), idempotently.
 * https://developers.hubspot.com/docs/api/crm/properties
 *
 * @example
 * const setup = await ensureAppProperties(client); // { created: ['companies.csm_nps', ...], existing: [], problems: [] }
 */
export async function ensureAppProperties(client: ApiClient): Promise<PropertySetup> {
  const setup: PropertySetup = { created: [], existing: [], problems: [] };
  for (const [objectType, properties] of Object.entries(appPropertyDefinitions)) {
    try {
      await createAppPropertyGroup(client, objectType);
    } catch (error) {
      if (!alreadyExists(error)) {
        setup.problems.push(`${objectType}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
    }
    for (const property of properties) {
      const name = `${objectType}.${property.name}`;
      try {
        await createAppProperty(client, objectType, property);
        setup.created.push(name);
      } catch (error) {
        if (alreadyExists(error)) setup.existing.push(name);
        else setup.problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return setup;
}
