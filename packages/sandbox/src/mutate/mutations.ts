/**
 * `sandbox.mutate`: change records as a user would, in the app's terms, and get back the record as
 * the API now serves it. Every change is stamped by its API's data clock (see `DataClock`): later
 * than anything served before, so incremental reads see it.
 */
import { isoMs } from '../clock.ts';
import { resolveType } from '../hubspot/object-types.ts';
import { fullObjectJson, type HubSpotObjectJson } from '../hubspot/shapes.ts';
import { npsGroup } from '../seed/surveys.ts';
import type { HubSpotObjectType, RatingScore } from '../state/model.ts';
import type { SandboxState } from '../state/state.ts';
import {
  organizationJson,
  satisfactionRatingJson,
  ticketJson,
  userJson,
  type ZendeskOrganizationJson,
  type ZendeskSatisfactionRatingJson,
  type ZendeskTicketJson,
  type ZendeskUserJson,
} from '../zendesk/shapes.ts';
import { surveyResponseJson, type ZendeskSurveyResponseJson } from '../zendesk/survey-shapes.ts';
import { checkProperties, createRecord, deleteRecord, RecordError, updateRecord } from './hubspot-records.ts';
import { updateOrganization, updateUser } from './zendesk-directory.ts';
import {
  addTicket,
  answerSurvey,
  deleteTicket,
  type NewTicket,
  rateTicket,
  type TicketPatch,
  updateTicket,
} from './zendesk-records.ts';

export type PropertyInput = Record<string, string | number | boolean | null>;
type Id = string | number;

export interface SandboxMutations {
  updateObject(type: HubSpotObjectType, id: Id, properties: PropertyInput): HubSpotObjectJson;
  updateCompany(id: Id, properties: PropertyInput): HubSpotObjectJson;
  updateContact(id: Id, properties: PropertyInput): HubSpotObjectJson;
  updateDeal(id: Id, properties: PropertyInput): HubSpotObjectJson;
  /** Deletes (archives) a HubSpot record: no longer served; an installed app gets `object.deletion`. */
  deleteObject(type: HubSpotObjectType, id: Id): void;
  /** A new deal whose primary company is `companyId`. */
  addDeal(input: { companyId: Id; properties: PropertyInput }): HubSpotObjectJson;
  addFeedbackSubmission(input: {
    contactId: Id;
    surveyType: 'NPS' | 'CSAT' | 'CES';
    value: number;
    comment?: string | null;
  }): HubSpotObjectJson;
  addTicket(input: NewTicket): ZendeskTicketJson;
  updateTicket(id: number, patch: TicketPatch): ZendeskTicketJson;
  deleteTicket(id: number): ZendeskTicketJson;
  addSatisfactionRating(input: {
    ticketId: number;
    score: RatingScore;
    comment?: string | null;
    reason?: string | null;
  }): ZendeskSatisfactionRatingJson;
  /** A current-CSAT answer (1-5; 3 is neutral) on a ticket, as its survey response. */
  answerSurvey(input: {
    ticketId: number;
    rating: number;
    comment?: string | null;
    reason?: string | null;
  }): ZendeskSurveyResponseJson;
  updateOrganization(
    id: number,
    patch: { name?: string; domain_names?: string[]; tags?: string[] },
  ): ZendeskOrganizationJson;
  updateUser(
    id: number,
    patch: { name?: string; email?: string | null; organization_id?: number | null },
  ): ZendeskUserJson;
}

const RANGES = { NPS: [0, 10], CSAT: [0, 2], CES: [1, 7] } as const;
const SURVEYS = {
  NPS: ['1001', 'Quarterly NPS'],
  CSAT: ['1002', 'Support CSAT'],
  CES: ['1003', 'Onboarding effort (CES)'],
} as const;

export function createMutations(state: SandboxState): SandboxMutations {
  const zendeskBase = `https://${state.credentials.zendeskSubdomain}.zendesk.com`;
  const json = (type: HubSpotObjectType, id: number) => {
    const table = state.hubspot.tables[type];
    return fullObjectJson(state.hubspot, table, table.byId.get(id)!);
  };
  const checked = (type: HubSpotObjectType, input: PropertyInput) => {
    const { properties, problems } = checkProperties(state, type, input);
    if (problems.length) throw new RecordError(problems.join('; '), 'invalid');
    return properties;
  };
  const update = (type: HubSpotObjectType, id: Id, properties: PropertyInput) =>
    json(type, updateRecord(state, type, id, checked(type, properties)).id);

  return {
    updateObject: (type, id, properties) => {
      const resolved = resolveType(type);
      if (!resolved) throw new RecordError(`unknown object type ${type}`, 'invalid');
      return update(resolved, id, properties);
    },
    updateCompany: (id, properties) => update('companies', id, properties),
    updateContact: (id, properties) => update('contacts', id, properties),
    updateDeal: (id, properties) => update('deals', id, properties),
    deleteObject: (type, id) => deleteRecord(state, type, id),
    addDeal({ companyId, properties }) {
      const company = Number(companyId);
      if (!state.hubspot.tables.companies.byId.has(company))
        throw new RecordError(`company ${companyId} does not exist`, 'not_found');
      const row = createRecord(state, 'deals', checked('deals', properties), {
        companies: { ids: [company], primary: true },
      });
      return json('deals', row.id);
    },
    addFeedbackSubmission({ contactId, surveyType, value, comment = null }) {
      const contact = Number(contactId);
      if (!state.hubspot.tables.contacts.byId.has(contact))
        throw new RecordError(`contact ${contactId} does not exist`, 'not_found');
      const [min, max] = RANGES[surveyType];
      if (!Number.isInteger(value) || value < min || value > max)
        throw new RecordError(`${surveyType} answers are integers ${min}-${max}`, 'invalid');
      const row = createRecord(
        state,
        'feedback_submissions',
        {
          hs_survey_type: surveyType,
          hs_value: String(value),
          hs_response_group: surveyType === 'NPS' ? npsGroup(value) : null,
          hs_content: comment,
          hs_sentiment: null,
          hs_survey_channel: 'EMAIL',
          hs_survey_id: SURVEYS[surveyType][0],
          hs_survey_name: SURVEYS[surveyType][1],
          hs_submission_timestamp: null,
        },
        { contacts: { ids: [contact], primary: false } },
      );
      row.p.hs_submission_timestamp = isoMs(row.created);
      return json('feedback_submissions', row.id);
    },
    addTicket: (input) => ticketJson(addTicket(state, input), zendeskBase),
    updateTicket: (id, patch) => ticketJson(updateTicket(state, id, patch), zendeskBase),
    deleteTicket: (id) => ticketJson(deleteTicket(state, id), zendeskBase),
    addSatisfactionRating: ({ ticketId, score, comment = null, reason = null }) =>
      satisfactionRatingJson(rateTicket(state, ticketId, score, comment, reason), zendeskBase),
    answerSurvey: ({ ticketId, rating, comment = null, reason = null }) =>
      surveyResponseJson(answerSurvey(state, ticketId, rating, comment, reason)),
    updateOrganization: (id, patch) => organizationJson(updateOrganization(state, id, patch), zendeskBase),
    updateUser: (id, patch) => userJson(updateUser(state, id, patch), zendeskBase),
  };
}
