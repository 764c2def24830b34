import { randomBytes } from 'node:crypto';
import { dropSchema, type PgProxy, pgProxy, withApplicationName } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { JobQueue, QUEUES } from './job-queue.ts';

const url = process.env.TEST_DATABASE_URL;

/**
 * The job queue across a database restart (`pg_ctl stop -m immediate`, then start), played by a
 * TCP relay that drops every connection and refuses new ones, then takes them again: the machine's
 * PostgreSQL is shared. pg-boss reports the lost connections as 'error' events, which crash a
 * process that does not listen for them.
 */
describe.skipIf(!url)('the job queue while the database restarts (PostgreSQL)', () => {
  const schema = `pgboss_${randomBytes(5).toString('hex')}`;
  let proxy: PgProxy | undefined;
  let queue: JobQueue | undefined;
  afterAll(async () => {
    await proxy?.up();
    await queue?.stop({ graceful: false });
    await proxy?.close();
    await dropSchema(url!, schema);
  });

  it('keeps the process up, reports the errors, and takes jobs again once the database is back', async () => {
    proxy = await pgProxy(withApplicationName(url!, `csm-queue-${randomBytes(3).toString('hex')}`));
    const errors: Error[] = [];
    queue = await new JobQueue({
      databaseUrl: proxy.url,
      schema,
      syncIntervalMinutes: 0,
      pollingIntervalSeconds: 0.5,
      onError: (error) => errors.push(error),
    }).start();
    const taken: number[] = [];
    await queue.boss.work<{ tenantId: number }>(
      QUEUES.sync,
      { pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        for (const job of jobs) taken.push(job.data.tenantId);
      },
    );

    await proxy.down();
    const until = Date.now() + 20_000;
    while (errors.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(errors.length).toBeGreaterThan(0);

    await proxy.up();
    await queue.sendSync({ tenantId: 7, full: false, reason: 'test' });
    const end = Date.now() + 20_000;
    while (!taken.includes(7) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(taken).toContain(7);
  }, 60_000);
});
