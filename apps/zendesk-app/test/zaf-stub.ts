import { vi } from 'vitest';
import type { ZafClient, ZafRequestOptions } from '../src/app/lib/zaf.ts';
import { BACKEND } from './fixtures.ts';

export interface StubOptions {
  location?: string;
  locale?: string;
  ticket?: {
    id?: number;
    requester?: { id: number; name?: string; email?: string } | null;
    organization?: { id: number; name?: string } | null;
  };
  organization?: { id: number; name?: string };
  settings?: Record<string, unknown>;
  /** Answers a `client.request`: a value resolves, a thrown `{ status }` rejects like ZAF does. */
  respond: (options: ZafRequestOptions) => unknown | Promise<unknown>;
}

/** A ZAF client stand-in answering what the sidebar asks, installed as `window.ZAFClient`. */
export function stubZafClient(options: StubOptions) {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  const values: Record<string, unknown> = {
    'currentUser.locale': options.locale ?? 'en-US',
    'ticket.id': options.ticket?.id ?? 5003,
    'ticket.requester':
      options.ticket?.requester === undefined
        ? { id: 7001, name: 'Ann', email: 'ann@acme.com' }
        : options.ticket.requester,
    'ticket.organization': options.ticket?.organization ?? null,
    organization: options.organization ?? null,
  };
  const client = {
    on: vi.fn((event: string, handler: (...args: unknown[]) => void) => {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      if (event === 'app.registered') setTimeout(handler, 0);
    }),
    off: vi.fn((event: string, handler: (...args: unknown[]) => void) =>
      handlers.get(event)?.delete(handler),
    ),
    get: vi.fn(async (paths: string | string[]) => {
      const out: Record<string, unknown> = {};
      for (const path of Array.isArray(paths) ? paths : [paths]) out[path] = values[path];
      return out;
    }),
    context: vi.fn(async () => ({ location: options.location ?? 'ticket_sidebar', product: 'support' })),
    metadata: vi.fn(async () => ({ settings: options.settings ?? { backend_url: BACKEND } })),
    request: vi.fn(async (request: ZafRequestOptions) => options.respond(request)),
    invoke: vi.fn(),
  } satisfies ZafClient;
  vi.stubGlobal('ZAFClient', { init: () => client });
  return {
    client,
    set(path: string, value: unknown) {
      values[path] = value;
    },
    trigger(event: string) {
      for (const handler of handlers.get(event) ?? []) handler();
    },
    /** The backend paths requested so far. */
    paths: () => client.request.mock.calls.map(([r]) => r.url.slice(BACKEND.length)),
  };
}

/** ZAF's rejection for an HTTP error answer. */
export const httpError = (status: number) => ({ status, statusText: 'error', responseText: '{}' });
