import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { generateKey, openStore } from '@csm/store';
import { createLogger } from '@csm/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from './app.ts';
import { loadConfig } from './config.ts';
import { type RunningServer, startServer } from './server.ts';

/** One request over `agent`; resolves with the status, headers and body text (or the socket error). */
function send(
  agent: Agent,
  url: string,
  options: { method?: string; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += String(d);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the HTTP server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const store = await openStore({ encryptionKey: generateKey() });
    server = await startServer({
      config: loadConfig({ SYNC_INTERVAL_MINUTES: '0', LOG_LEVEL: 'silent' }),
      store,
      logger: createLogger({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(() => server?.close());

  it('closes a keep-alive connection after a 413 saying so, so the client’s next request works', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await send(agent, `${server.url}/healthz`)).status).toBe(200);
      const oversized = await send(agent, `${server.url}/api/v1/playbooks`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        body: Buffer.alloc(DEFAULT_BODY_LIMIT + 4096, 'a'),
      });
      expect(oversized.status).toBe(413);
      expect(oversized.headers.connection).toBe('close');
      expect(JSON.parse(oversized.text)).toMatchObject({ error: 'payload_too_large' });
      // The agent saw `Connection: close` and opens a new socket: the next request is answered.
      for (let i = 0; i < 3; i++) expect((await send(agent, `${server.url}/healthz`)).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
