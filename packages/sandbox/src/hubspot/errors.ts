/**
 * HubSpot's error bodies: `{ status: 'error', message, correlationId, category, ... }`.
 * https://developers.hubspot.com/docs/api/error-handling
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Runtime, SandboxContext } from '../runtime/runtime.ts';

export function hubspotError(
  c: SandboxContext,
  runtime: Runtime,
  status: ContentfulStatusCode,
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): Response {
  return c.json(
    { status: 'error', message, correlationId: runtime.nextCorrelationId(), category, ...extra },
    status,
  );
}

export function validationError(
  c: SandboxContext,
  runtime: Runtime,
  message: string,
  extra: Record<string, unknown> = {},
): Response {
  return hubspotError(c, runtime, 400, 'VALIDATION_ERROR', message, extra);
}

/** A zod failure as HubSpot's 400: the first problem in the message, all of them in `errors`. */
export function zodValidationError(
  c: SandboxContext,
  runtime: Runtime,
  error: z.ZodError,
  what: string,
): Response {
  const errors = error.issues.map((issue) => ({
    message: `${issue.path.join('.') || what}: ${issue.message}`,
    in: issue.path.join('.') || undefined,
  }));
  return validationError(
    c,
    runtime,
    `Invalid input (details will vary based on the error): ${errors[0]?.message ?? what}`,
    { errors },
  );
}

export async function readJson(
  c: SandboxContext,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: false, message: 'Request body is empty; a JSON object is required.' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Invalid input JSON: ${(error as Error).message}` };
  }
}

const POLICY_MESSAGES: Record<string, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

/** 429 with HubSpot's body (`errorType: RATE_LIMIT`, `policyName`) and a whole-second Retry-After. */
export function hubspotRateLimited(
  c: SandboxContext,
  runtime: Runtime,
  policy: string,
  retryAfterSeconds: number,
): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  return c.json(
    {
      status: 'error',
      message: POLICY_MESSAGES[policy] ?? 'You have reached your rate limit.',
      errorType: 'RATE_LIMIT',
      correlationId: runtime.nextCorrelationId(),
      policyName: policy,
    },
    429,
  );
}
