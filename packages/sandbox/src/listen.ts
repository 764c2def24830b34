/**
 * The sandbox on a loopback port (`csm sandbox serve`), with @hono/node-server. A dropped
 * connection destroys the socket without an answer, as a broken network would.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Hono } from 'hono';
import { DROP_HEADER, type SandboxEnv } from './runtime/runtime.ts';

export interface ListenOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
}

export interface ListeningSandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `http://127.0.0.1:PORT/hubspot`: set `HUBSPOT_API_BASE_URL` to it. */
  hubspotBaseUrl: string;
  /** `http://127.0.0.1:PORT/zendesk`: set `ZENDESK_API_BASE_URL` to it. */
  zendeskBaseUrl: string;
  close(): Promise<void>;
}

export function listen(app: Hono<SandboxEnv>, options: ListenOptions = {}): Promise<ListeningSandbox> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({
      hostname: host,
      port: options.port ?? 0,
      // Leave the process's global Request / Response alone (tests share the process with msw).
      overrideGlobalObjects: false,
      fetch: async (request: Request, env: HttpBindings | Http2Bindings) => {
        const response = await app.fetch(request, { bases: undefined });
        if (response.headers.get(DROP_HEADER)) {
          env.incoming.socket.destroy();
          return RESPONSE_ALREADY_SENT;
        }
        return response;
      },
    }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      resolve({
        url,
        hubspotBaseUrl: `${url}/hubspot`,
        zendeskBaseUrl: `${url}/zendesk`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
