/**
 * The benchmark's portals: `n` sandboxes of `companies` companies each (ids overlapping), served
 * on loopback in a process of their own so that their CPU is not counted against the workers.
 */
import { createSandbox } from '@csm/sandbox';

const n = Number(process.argv[2] ?? 20);
const companies = Number(process.argv[3] ?? 30);
const portals = [];
for (let i = 0; i < n; i++) {
  const sandbox = createSandbox({ seed: 200 + i, companies, rateLimits: false });
  const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  portals.push({
    credentials: sandbox.credentials,
    endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
  });
}
process.send?.(portals);
process.on('disconnect', () => process.exit(0));
