/**
 * The benchmark's sandbox, in a process of its own so that its memory and CPU are not counted
 * against the sync. Tells the parent (IPC) where it listens and how many records each stream has.
 */
import { createSandbox, seedSummary } from '@csm/sandbox';

const companies = Number(process.argv[2] ?? 100_000);
const started = performance.now();
const sandbox = createSandbox({ seed: 1, companies, rateLimits: false });
const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
process.send?.({
  server: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrl: server.zendeskBaseUrl },
  credentials: sandbox.credentials,
  summary: seedSummary(sandbox.data),
  seededMs: performance.now() - started,
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
