import { z } from 'zod';
import type { ZafClient } from './zaf.ts';

/**
 * The sidebar's calls to the Success Metrics backend. They go through ZAF's `client.request`
 * with `secure: true`: Zendesk's proxy replaces `{{setting.app_token}}` with the secure setting,
 * so the token never reaches the agent's browser (it must also be scoped to `header` in the
 * manifest, and the backend's domain be in `domainWhitelist`).
 */

export const AUTHORIZATION = 'Bearer {{setting.app_token}}';
export const REQUEST_TIMEOUT_MS = 15_000;

export type SidebarErrorKind = 'no_backend' | 'unauthorized' | 'not_found' | 'status' | 'network' | 'invalid';

export class SidebarError extends Error {
  override readonly name = 'SidebarError';
  constructor(
    readonly kind: SidebarErrorKind,
    readonly status: number | null = null,
    message: string = kind,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The `backend_url` setting: https (plain http only on loopback, for local development). */
export const backendUrlSchema = z
  .string()
  .trim()
  .pipe(z.url())
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'backend_url: must be an https address')
  .transform((value) => value.replace(/\/+$/, ''));

/** A Zendesk id (ZAF gives numbers; the routes take digits). */
export const zendeskIdSchema = z
  .union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)])
  .transform(String);

/** The backend origin from the app's settings (`client.metadata()`), or a `no_backend` error. */
export async function readBackendUrl(client: ZafClient): Promise<string> {
  const metadata = await client.metadata();
  const parsed = backendUrlSchema.safeParse(metadata.settings?.backend_url);
  if (!parsed.success) throw new SidebarError('no_backend', null, parsed.error.issues[0]?.message);
  return parsed.data;
}

function statusOf(error: unknown): number | null {
  if (error && typeof error === 'object' && 'status' in error) {
    const status = Number((error as { status: unknown }).status);
    return Number.isFinite(status) && status > 0 ? status : null;
  }
  return null;
}

/**
 * GETs one sidebar route and parses its answer with `schema`.
 *
 * @example
 * const answer = await fetchSidebar(client, base, `/cards/zendesk/requesters/${id}`, requesterAnswerSchema);
 */
export async function fetchSidebar<T extends z.ZodType>(
  client: ZafClient,
  backendUrl: string,
  path: string,
  schema: T,
): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await client.request({
      url: `${backendUrl}${path}`,
      type: 'GET',
      secure: true,
      headers: { Authorization: AUTHORIZATION },
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
  } catch (error) {
    // ZAF rejects with the proxy's response ({ status, responseText, ... }); status 0 = no answer.
    const status = statusOf(error);
    if (status === 401 || status === 403) throw new SidebarError('unauthorized', status);
    if (status === 404) throw new SidebarError('not_found', status);
    if (status === null) throw new SidebarError('network');
    throw new SidebarError('status', status);
  }
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      throw new SidebarError('invalid', null, 'the answer is not JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SidebarError('invalid', null, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}
