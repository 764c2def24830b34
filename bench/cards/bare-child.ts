/**
 * The benchmark's baseline: a bare node:http server doing the least a card answer needs, the same
 * v3 signature check (`verifyHubSpotSignature`) and the same stored row read through the same
 * driver (node-postgres, or PGlite on the same data folder: one plain parameterized query),
 * answering `{"card": <stored text>}`.
 * No framework, no tenant status, freshness or coverage. Prints `READY <url>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyHubSpotSignature } from '@csm/server';
import { openStore } from '@csm/store';

const sql = `SELECT m.card::text AS card FROM account_metrics m JOIN tenants t ON t.id = m.tenant_id
  WHERE t.hubspot_portal_id = $1 AND m.company_id = $2`;
const secret = process.env.BENCH_SECRET!;
// Opened as the server opens it (pg pool or PGlite); requests then go straight to the driver.
const store = await openStore({
  ...(process.env.BENCH_DATABASE_URL
    ? { databaseUrl: process.env.BENCH_DATABASE_URL, schema: process.env.BENCH_SCHEMA! }
    : { dataDir: process.env.BENCH_DATA_DIR! }),
  encryptionKey: process.env.BENCH_KEY!,
});
const read = async (portalId: number, companyId: string) =>
  (await store.db.query<{ card: string }>(sql, [portalId, companyId]))[0]?.card;

let origin = '';
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', origin);
  const companyId = /^\/cards\/hubspot\/companies\/(\d+)$/.exec(url.pathname)?.[1];
  const portalId = Number(url.searchParams.get('portalId'));
  const check = verifyHubSpotSignature({
    clientSecret: secret,
    method: req.method ?? 'GET',
    uri: `${origin}${url.pathname}${url.search}`,
    body: '',
    signature: req.headers['x-hubspot-signature-v3'] as string | undefined,
    timestamp: req.headers['x-hubspot-request-timestamp'] as string | undefined,
    now: Date.now(),
  });
  if (!check.ok || !companyId) {
    res.writeHead(401).end();
    return;
  }
  read(portalId, companyId).then(
    (card) => {
      if (card === undefined) {
        res.writeHead(404).end();
        return;
      }
      const body = `{"card":${card}}`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
    () => res.writeHead(500).end(),
  );
});
server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(`READY ${origin}\n`);
});
process.on('SIGTERM', () => {
  const cpu = process.cpuUsage();
  process.stdout.write(`CPU ${cpu.user + cpu.system}\n`);
  server.close();
  void store.close().then(() => process.exit(0));
});
