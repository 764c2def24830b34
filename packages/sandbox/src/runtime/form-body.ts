import type { SandboxContext } from './runtime.ts';

/**
 * A token request's fields, from `application/x-www-form-urlencoded` (HubSpot, Zendesk) or JSON
 * (Zendesk accepts both). Non-string values are stringified; an unreadable body gives `{}`.
 */
export async function tokenRequestFields(c: SandboxContext): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  const out: Record<string, string> = {};
  if (type.includes('application/json')) {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = String(v);
      }
    } catch {
      return {};
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}
