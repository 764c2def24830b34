/**
 * The portal's property definitions per object type (`GET /crm/v3/properties/{type}`), the
 * HubSpot-defined ones the seed uses plus any created through the API. Search validates filter
 * properties against it, and its `type` decides how values compare (dates and numbers numerically).
 * https://developers.hubspot.com/docs/api/crm/properties
 */
import type { HubSpotObjectType } from '../state/model.ts';

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: { label: string; value: string; displayOrder: number; hidden: boolean }[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined?: boolean;
  createdAt: string;
  updatedAt: string;
  archived: false;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: false;
}

const FIELD: Record<PropertyType, string> = {
  string: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  enumeration: 'select',
  bool: 'booleancheckbox',
};

const COMMON = 'hs_object_id:number createdate:datetime';
/** `name:type` per object type; the group is `{singular}information`. */
const DEFAULTS: Record<HubSpotObjectType, string> = {
  companies: `${COMMON} hs_lastmodifieddate:datetime name domain industry:enumeration city numberofemployees:number lifecyclestage:enumeration hubspot_owner_id:enumeration notes_last_contacted:datetime`,
  contacts: `${COMMON} lastmodifieddate:datetime email firstname lastname jobtitle associatedcompanyid:number lifecyclestage:enumeration hubspot_owner_id:enumeration`,
  deals: `${COMMON} hs_lastmodifieddate:datetime dealname amount:number hs_mrr:number dealstage:enumeration pipeline:enumeration closedate:datetime hs_is_closed_won:bool hs_is_closed:bool dealtype:enumeration hubspot_owner_id:enumeration deal_currency_code:enumeration csm_contract_end_date:date`,
  tickets: `${COMMON} hs_lastmodifieddate:datetime subject content hs_pipeline:enumeration hs_pipeline_stage:enumeration hs_ticket_priority:enumeration closed_date:datetime hubspot_owner_id:enumeration`,
  feedback_submissions: `${COMMON} hs_createdate:datetime hs_lastmodifieddate:datetime hs_survey_type:enumeration hs_value:number hs_response_group:enumeration hs_content hs_sentiment:enumeration hs_survey_channel:enumeration hs_survey_id hs_survey_name hs_submission_timestamp:datetime`,
  tasks: `${COMMON} hs_lastmodifieddate:datetime hs_timestamp:datetime hs_task_subject hs_task_body hs_task_status:enumeration hs_task_priority:enumeration hs_task_type:enumeration hubspot_owner_id:enumeration`,
};

const SINGULAR: Record<HubSpotObjectType, string> = {
  companies: 'company',
  contacts: 'contact',
  deals: 'deal',
  tickets: 'ticket',
  feedback_submissions: 'feedback_submission',
  tasks: 'task',
};
export function singular(type: HubSpotObjectType): string {
  return SINGULAR[type];
}

function label(name: string): string {
  const words = name.replace(/^hs_/, '').split('_');
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
}

export class PropertyCatalog {
  private readonly properties = new Map<HubSpotObjectType, Map<string, PropertyDefinition>>();
  private readonly groups = new Map<HubSpotObjectType, Map<string, PropertyGroup>>();

  constructor(createdAt: string) {
    for (const [type, spec] of Object.entries(DEFAULTS) as [HubSpotObjectType, string][]) {
      const group = `${SINGULAR[type]}information`;
      this.groups.set(
        type,
        new Map([
          [
            group,
            { name: group, label: `${label(SINGULAR[type])} information`, displayOrder: -1, archived: false },
          ],
        ]),
      );
      const props = new Map<string, PropertyDefinition>();
      spec.split(' ').forEach((entry, order) => {
        const [name, type_ = 'string'] = entry.split(':') as [string, PropertyType | undefined];
        const custom = name.startsWith('csm_');
        props.set(name, {
          name,
          label: label(name),
          type: type_,
          fieldType: FIELD[type_],
          groupName: group,
          description: '',
          options: [],
          displayOrder: order,
          calculated: false,
          externalOptions: false,
          hasUniqueValue: name === 'hs_object_id',
          hidden: false,
          formField: !custom,
          ...(custom ? {} : { hubspotDefined: true }),
          createdAt,
          updatedAt: createdAt,
          archived: false,
          modificationMetadata: {
            archivable: custom,
            readOnlyDefinition: !custom,
            readOnlyValue: name === 'hs_object_id',
          },
        });
      });
      this.properties.set(type, props);
    }
  }

  list(type: HubSpotObjectType): PropertyDefinition[] {
    return [...this.properties.get(type)!.values()];
  }

  get(type: HubSpotObjectType, name: string): PropertyDefinition | undefined {
    return this.properties.get(type)!.get(name);
  }

  has(type: HubSpotObjectType, name: string): boolean {
    return this.properties.get(type)!.has(name);
  }

  add(type: HubSpotObjectType, definition: PropertyDefinition): void {
    this.properties.get(type)!.set(definition.name, definition);
  }

  hasGroup(type: HubSpotObjectType, name: string): boolean {
    return this.groups.get(type)!.has(name);
  }

  addGroup(type: HubSpotObjectType, group: PropertyGroup): void {
    this.groups.get(type)!.set(group.name, group);
  }

  listGroups(type: HubSpotObjectType): PropertyGroup[] {
    return [...this.groups.get(type)!.values()];
  }

  fieldTypeFor(type: PropertyType): string {
    return FIELD[type];
  }
}
