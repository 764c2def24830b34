/**
 * HubSpot tasks the playbooks create: the create body (subject, body, due time, status, priority,
 * owner, association to the company) and the association type, looked up once per run.
 * https://developers.hubspot.com/docs/api/crm/tasks
 */
import type { ApiClient } from '@csm/http';
import type { SimplePublicObjectInputForCreate } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { z } from 'zod';
import { hubspotSdk, rawBody } from './sdk.ts';

/**
 * HubSpot-defined "task to company" association type (v4 type id), the documented default when
 * the labels endpoint cannot be read.
 */
export const TASK_TO_COMPANY_TYPE_ID = 192;

export interface TaskInput {
  subject: string;
  body: string;
  /** The due time (`hs_timestamp`). */
  dueAt: Date;
  companyId: string;
  /** The company owner; null leaves the task unassigned. */
  ownerId: string | null;
  associationTypeId: number;
  priority?: 'LOW' | 'MEDIUM' | 'HIGH';
}

/**
 * The `POST /crm/v3/objects/tasks` body: a not-started task due at `dueAt`, assigned to the
 * owner, associated with the company.
 *
 * @example
 * taskCreateBody({ subject: 'Acme turned red', body: '...', dueAt, companyId: '42', ownerId: '7', associationTypeId: 192 })
 */
export function taskCreateBody(input: TaskInput) {
  return {
    properties: {
      hs_timestamp: input.dueAt.toISOString(),
      hs_task_subject: input.subject,
      hs_task_body: input.body,
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: input.priority ?? 'HIGH',
      hs_task_type: 'TODO',
      ...(input.ownerId ? { hubspot_owner_id: input.ownerId } : {}),
    },
    associations: [
      {
        to: { id: input.companyId },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: input.associationTypeId }],
      },
    ],
  };
}

const created = z.object({ id: z.coerce.string() }).loose();

/** Creates the task; its HubSpot id. */
export async function createTask(client: ApiClient, input: TaskInput): Promise<string> {
  const info = await hubspotSdk(client).crm.objects.basicApi.createWithHttpInfo(
    'tasks',
    taskCreateBody(input) as SimplePublicObjectInputForCreate,
  );
  return created.parse(rawBody(info)).id;
}

const labels = z
  .object({
    results: z.array(
      z.object({ category: z.string(), typeId: z.number().int(), label: z.string().nullable().optional() }),
    ),
  })
  .loose();

/**
 * The unlabeled HubSpot-defined task -> company association type, read from
 * `GET /crm/v4/associations/tasks/companies/labels`; 192 when the answer has none.
 */
export async function taskToCompanyTypeId(client: ApiClient): Promise<number> {
  const info = await hubspotSdk(client).crm.associations.v4.schema.definitionsApi.getAllWithHttpInfo(
    'tasks',
    'companies',
  );
  const parsed = labels.safeParse(rawBody(info));
  if (!parsed.success) return TASK_TO_COMPANY_TYPE_ID;
  const unlabeled = parsed.data.results.find((r) => r.category === 'HUBSPOT_DEFINED' && !r.label);
  return unlabeled?.typeId ?? TASK_TO_COMPANY_TYPE_ID;
}
