import { randomBytes } from 'node:crypto';
import { createSandbox } from '@csm/sandbox';
import { generateKey, openStore } from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csm, schemaUrl, seededSequence, tenantsAddArgs } from './csm-cli.ts';
import { snapshot } from './harness.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('a sync worker killed with SIGKILL at random points (PostgreSQL)', () => {
  const schemas = [`crash_${randomBytes(4).toString('hex')}`, `clean_${randomBytes(4).toString('hex')}`];
  const sandbox = createSandbox({ seed: 31, companies: 300, rateLimits: false, faults: { slowMs: 40 } });
  let server: Awaited<ReturnType<typeof sandbox.listen>>;
  const key = generateKey();
  let env: (schema: string) => NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of schemas) await client.query(`CREATE SCHEMA ${s}`);
    await client.end();
    env = (schema) => ({
      DATABASE_URL: schemaUrl(url!, schema),
      CSM_ENCRYPTION_KEY: key,
      HUBSPOT_API_BASE_URL: server.hubspotBaseUrl,
      ZENDESK_API_BASE_URL: server.zendeskBaseUrl,
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    await server?.close();
    for (const s of schemas) await dropSchema(url!, s);
  });

  it('resumes from its checkpoints and ends with exactly the data of an uninterrupted run', async () => {
    const add = tenantsAddArgs('acme', sandbox.credentials);
    for (const schema of schemas) {
      const added = await csm(add, env(schema)).done;
      expect(added.code, added.stderr).toBe(0);
    }

    let kills = 0;
    for (const delay of seededSequence(20261123, 4, 0, 1200)) {
      const run = csm(['sync', '--tenant', 'acme'], env(schemas[0]!));
      // Kill once the sync is under way (its first stream has finished), a random moment later.
      let timer: NodeJS.Timeout | undefined;
      run.child.stderr?.once('data', () => {
        timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
      });
      const result = await run.done;
      clearTimeout(timer);
      if (result.signal === 'SIGKILL') kills += 1;
      else expect(result.code, result.stderr).toBe(0);
    }
    expect(kills).toBeGreaterThan(0);
    const finish = await csm(['sync', '--tenant', 'acme'], env(schemas[0]!)).done;
    expect(finish.code, finish.stderr).toBe(0);

    const clean = await csm(['sync', '--tenant', 'acme'], env(schemas[1]!)).done;
    expect(clean.code, clean.stderr).toBe(0);

    const [crashed, uninterrupted] = await Promise.all(
      schemas.map((schema) => openStore({ databaseUrl: url!, schema, encryptionKey: key })),
    );
    try {
      const a = await crashed!.tenants.get('acme');
      const b = await uninterrupted!.tenants.get('acme');
      const left = await snapshot(crashed!, a!.id);
      expect(left.companies?.length).toBe(sandbox.data.companies.length);
      expect(left).toEqual(await snapshot(uninterrupted!, b!.id));
    } finally {
      await crashed!.close();
      await uninterrupted!.close();
    }
  });
});
