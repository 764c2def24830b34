import type { ApiClient } from '@csm/http';
import { z } from 'zod';
import { answerOf, zendeskSdk } from './sdk.ts';

const me = z.object({ user: z.object({ id: z.union([z.number(), z.string()]) }).loose() });

/**
 * The user the credentials belong to (`GET /api/v2/users/me`); null when Zendesk answers with
 * its anonymous user (no id), which it does for credentials it does not recognize.
 *
 * @example
 * await zendeskMe(client); // { id: '7' }, or null for credentials Zendesk does not know
 */
export async function zendeskMe(client: ApiClient): Promise<{ id: string } | null> {
  const parsed = me.safeParse(answerOf(await zendeskSdk(client).users.me()).body);
  return parsed.success ? { id: String(parsed.data.user.id) } : null;
}
