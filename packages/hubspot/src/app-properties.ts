import type { ApiClient } from '@csm/http';
import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { hubspotSdk } from './sdk.ts';

/**
 * The CRM properties the app creates on install, defined once: the health figures written back
 * to companies (and shown on deals), and `csm_contract_end_date`, the subscription end date that
 * revenue figures read (docs/architecture.md, identity rules). Definitions follow the body of
 * `POST /crm/v3/properties/{objectType}` (https://developers.hubspot.com/docs/api/crm/properties);
 * all of them live in the `success_metrics` property group.
 */

/** The property group (`POST /crm/v3/properties/{objectType}/groups`) of every app property. */
export const APP_PROPERTY_GROUP = {
  name: 'success_metrics',
  label: 'Success Metrics',
  displayOrder: -1,
} as const;

/** Company property names by meaning (what the write-back sets). */
export const companyAppProperties = {
  healthScore: 'csm_health_score',
  healthBand: 'csm_health_band',
  nps: 'csm_nps',
  csat: 'csm_csat',
  fcr: 'csm_fcr',
  lastComputed: 'csm_last_computed',
} as const;

/** Deal property names by meaning. */
export const dealAppProperties = {
  contractEndDate: 'csm_contract_end_date',
  healthScore: 'csm_health_score',
  healthBand: 'csm_health_band',
} as const;

/** One property as `POST /crm/v3/properties/{objectType}` takes it (without `groupName`). */
export interface AppPropertyDefinition {
  name: string;
  label: string;
  type: 'number' | 'enumeration' | 'date' | 'datetime';
  fieldType: 'number' | 'select' | 'date';
  description: string;
  options?: readonly { label: string; value: string; displayOrder: number }[];
}

const healthScore: AppPropertyDefinition = {
  name: companyAppProperties.healthScore,
  label: 'Health score',
  type: 'number',
  fieldType: 'number',
  description: 'Account health, 0-100 (Success Metrics).',
};
const healthBand: AppPropertyDefinition = {
  name: companyAppProperties.healthBand,
  label: 'Health band',
  type: 'enumeration',
  fieldType: 'select',
  description: 'Green, yellow or red, from the health score (Success Metrics).',
  options: [
    { label: 'Green', value: 'green', displayOrder: 0 },
    { label: 'Yellow', value: 'yellow', displayOrder: 1 },
    { label: 'Red', value: 'red', displayOrder: 2 },
  ],
};
const figure = (name: string, label: string, what: string): AppPropertyDefinition => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  description: `${what} (Success Metrics).`,
});

/** Per object type, every property the app creates on install. */
export const appPropertyDefinitions = {
  companies: [
    healthScore,
    healthBand,
    figure(companyAppProperties.nps, 'NPS', 'Net Promoter Score, -100 to 100'),
    figure(companyAppProperties.csat, 'CSAT', 'Customer satisfaction, % positive answers'),
    figure(companyAppProperties.fcr, 'FCR', 'First-contact resolution, % of solved tickets'),
    {
      name: companyAppProperties.lastComputed,
      label: 'Health last computed',
      type: 'datetime',
      fieldType: 'date',
      description: 'When Success Metrics last computed these figures.',
    },
  ],
  deals: [
    {
      name: dealAppProperties.contractEndDate,
      label: 'Contract end date',
      type: 'date',
      fieldType: 'date',
      description: 'When this subscription ends; revenue figures stop counting it from this day.',
    },
    { ...healthScore, name: dealAppProperties.healthScore },
    { ...healthBand, name: dealAppProperties.healthBand },
  ],
} as const satisfies Record<'companies' | 'deals', readonly AppPropertyDefinition[]>;

/**
 * Creates the app's property group on an object type (`POST /crm/v3/properties/{type}/groups`,
 * through the SDK). HubSpot answers 409 when it exists already.
 */
export async function createAppPropertyGroup(client: ApiClient, objectType: string): Promise<void> {
  await hubspotSdk(client).crm.properties.groupsApi.createWithHttpInfo(objectType, { ...APP_PROPERTY_GROUP });
}

/**
 * Creates one app property in the app's group (`POST /crm/v3/properties/{type}`, through the
 * SDK). HubSpot answers 409 when it exists already.
 *
 * @example
 * await createAppProperty(client, 'companies', appPropertyDefinitions.companies[0]);
 */
export async function createAppProperty(
  client: ApiClient,
  objectType: string,
  property: AppPropertyDefinition,
): Promise<void> {
  const body = { ...property, groupName: APP_PROPERTY_GROUP.name } as unknown as PropertyCreate;
  await hubspotSdk(client).crm.properties.coreApi.createWithHttpInfo(objectType, body);
}
