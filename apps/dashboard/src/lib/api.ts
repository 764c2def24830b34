import type { z } from 'zod';

/** Where the dashboard's JSON API lives (same origin as the app). */
export const API_BASE = '/dashboard/api';

export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'status'
  | 'network'
  | 'shape';

/** Why a request failed: the kind decides the view; `message` is the server's (it names a bad field). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

const kindOf = (status: number): ApiErrorKind =>
  status === 401
    ? 'unauthorized'
    : status === 403
      ? 'forbidden'
      : status === 404
        ? 'not_found'
        : status === 400
          ? 'invalid'
          : 'status';

/** The tenant-scoped path of an API route. */
export const tenantPath = (tenant: string, path: string) => `/tenants/${encodeURIComponent(tenant)}${path}`;

/**
 * One API call: JSON in and out, the answer checked with `schema`. Non-2xx answers, network
 * failures and answers of the wrong shape throw `ApiError`.
 *
 * @example
 * const session = await api('/session', sessionSchema);
 */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S,
  init: {
    method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
    body?: unknown;
    /** A text body (a CSV upload) with its media type, instead of JSON. */
    text?: { body: string; type: string };
    signal?: AbortSignal;
  } = {},
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.text ? { 'content-type': init.text.type } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.text ? { body: init.text.body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    throw new ApiError('network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = (body as { message?: unknown } | null)?.message;
    throw new ApiError(kindOf(response.status), typeof message === 'string' ? message : '', response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('shape', parsed.error.issues[0]?.message ?? 'unexpected answer');
  return parsed.data;
}
