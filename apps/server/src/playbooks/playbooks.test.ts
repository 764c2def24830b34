import type { AccountCard } from '@csm/accounts';
import type { Store } from '@csm/store';
import { forEachStore } from '@csm/store/test-utils';
import { afterEach, expect, it } from 'vitest';
import { type SandboxTenant, sandboxTenant, silent } from '../test-utils/write-back.ts';
import { defaultPlaybookRules } from './playbook-rules.ts';
import { runPlaybooks } from './playbooks.ts';

const DAY = 86_400_000;
type TaskWrite = {
  properties: Record<string, string>;
  associations: { to: { id: string }; types: { associationCategory: string; associationTypeId: number }[] }[];
};

/** The task creations the sandbox accepted, in order. */
const taskWrites = (h: SandboxTenant) =>
  h.sandbox
    .writes()
    .filter((w) => w.path === '/crm/v3/objects/tasks')
    .map((w) => w.body as TaskWrite);
const companyOf = (t: TaskWrite) => t.associations[0]!.to.id;

/** Per company, its band and score on each stored day (independent of the playbook reads). */
async function bandsByDay(store: Store, tenantId: number) {
  const out = new Map<string, { day: string; band: string | null; score: number | null }[]>();
  for (const { hubspotCompanyId } of (await store.accountMetrics.reports(tenantId)).reports as {
    hubspotCompanyId: string;
  }[]) {
    const history = await store.accountMetrics.history(tenantId, hubspotCompanyId);
    out.set(
      hubspotCompanyId,
      history.map((s) => ({ day: s.day, band: s.healthBand, score: s.healthScore })),
    );
  }
  return out;
}

forEachStore('playbooks', (getStore) => {
  let h: SandboxTenant | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('an account turning red gets one task for its owner, on the company, saying why, even when evaluations race', async () => {
    const store = getStore();
    h = await sandboxTenant(store, { seed: 31, companies: 40, rateLimits: false });
    const now = new Date();
    await h.syncAndRefresh(new Date(now.getTime() - DAY));

    // A paying account that is not red yet, whose revenue trend holds it above red, loses its
    // revenue: its subscriptions end today, the MRR trend scores 0 and the account turns red.
    const { reports } = await store.accountMetrics.reports(h.tenant.id);
    const cards = await Promise.all(
      (reports as { hubspotCompanyId: string }[]).map(
        async (r) => (await store.accountMetrics.card(h!.tenant.id, r.hubspotCompanyId))!.card as AccountCard,
      ),
    );
    const target = cards.find((c) => {
      const trend = c.health.components.find((k) => k.key === 'mrrChange')?.contribution ?? 0;
      const score = c.health.score ?? 0;
      return c.health.band !== 'red' && (c.revenue.mrr ?? 0) > 0 && trend > Math.max(10, score - 40);
    })!.account.hubspotCompanyId;
    for (const deal of h.sandbox.data.deals) {
      const mine = deal.associations?.companies?.results.some((r) => r.id === target);
      if (mine && deal.properties.hs_is_closed_won === 'true')
        h.sandbox.mutate.updateDeal(deal.id, { csm_contract_end_date: now.toISOString().slice(0, 10) });
    }
    await h.syncAndRefresh(now);
    const rules = [
      ...defaultPlaybookRules,
      { id: 'drop-1d', enabled: true, kind: 'score-drop', points: 10, days: 1 },
    ];
    await store.playbooks.saveRules(h.tenant.id, rules);

    const days = await bandsByDay(store, h.tenant.id);
    const turnedRed = [...days].filter(
      ([, d]) => d.length === 2 && d[0]!.band !== 'red' && d[1]!.band === 'red',
    );
    const dropped = [...days].filter(([, d]) => d.length === 2 && d[0]!.score! - d[1]!.score! > 10);
    expect(turnedRed.map(([id]) => id)).toContain(target);
    expect(dropped.map(([id]) => id)).toContain(target);

    const hubspot = await h.hubspot();
    const runs = await Promise.all([
      runPlaybooks({ store, tenantId: h.tenant.id, hubspot, now, logger: silent }),
      runPlaybooks({ store, tenantId: h.tenant.id, hubspot, now, logger: silent }),
    ]);
    const created = runs.flatMap((r) => r.created);
    expect(
      created
        .filter((e) => e.ruleId === 'turned-red')
        .map((e) => e.companyId)
        .sort(),
    ).toEqual(turnedRed.map(([id]) => id).sort());
    expect(
      created
        .filter((e) => e.ruleId === 'drop-1d')
        .map((e) => e.companyId)
        .sort(),
    ).toEqual(dropped.map(([id]) => id).sort());
    // A third evaluation, and another one later the same day: nothing new.
    const again = await runPlaybooks({ store, tenantId: h.tenant.id, hubspot, now, logger: silent });
    const later = await runPlaybooks({
      store,
      tenantId: h.tenant.id,
      hubspot,
      now: new Date(now.getTime() + 60_000),
      logger: silent,
    });
    expect([...again.created, ...later.created]).toEqual([]);

    const tasks = taskWrites(h);
    expect(tasks).toHaveLength(turnedRed.length + dropped.length);
    const red = tasks.filter((t) => t.properties.hs_task_subject!.endsWith('turned red'));
    expect(red.map(companyOf).sort()).toEqual(turnedRed.map(([id]) => id).sort());
    const mine = red.find((t) => companyOf(t) === target)!;
    const company = h.sandbox.data.companies.find((c) => c.id === target)!;
    expect(mine.properties).toMatchObject({
      hs_task_subject: `${company.properties.name} turned red`,
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'HIGH',
      hubspot_owner_id: company.properties.hubspot_owner_id,
    });
    const [before, after] = days.get(target)!;
    expect(mine.properties.hs_task_body).toContain(
      `health fell from ${Math.round(before!.score! * 10) / 10} (${before!.band}, ${before!.day}) to ${Math.round(after!.score! * 10) / 10} (red)`,
    );
    expect(mine.properties.hs_task_body).toMatch(
      /What moved most:\n- MRR change \(%\): .* \(−\d+(\.\d)? points\)/,
    );
    expect(mine.associations).toEqual([
      { to: { id: target }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] },
    ]);
    // In HubSpot: the task is on the company's record.
    const stored = h.sandbox.data.tasks.filter((t) =>
      t.associations?.companies?.results.some((r) => r.id === target),
    );
    expect(stored.map((t) => t.properties.hs_task_subject).sort()).toEqual(
      [
        `${company.properties.name} turned red`,
        expect.stringMatching(/health dropped .* points in 1 days/),
      ].sort(),
    );
    const events = await store.playbooks.events(h.tenant.id);
    expect(events.every((e) => e.status === 'created' && e.taskId)).toBe(true);
    expect(events.find((e) => e.ruleId === 'turned-red' && e.companyId === target)?.eventKey).toBe(
      `turned-red:${target}:${now.toISOString().slice(0, 10)}`,
    );
  }, 120_000);

  it('a detractor’s answer gets one task with the answer and its comment; earlier answers are history; a failed task is retried', async () => {
    const store = getStore();
    h = await sandboxTenant(store, { seed: 32, companies: 20, rateLimits: false });
    await h.syncAndRefresh();
    const hubspot = await h.hubspot();
    expect((await store.playbooks.detractorAnswers(h.tenant.id, new Date(0), 6)).length).toBeGreaterThan(0);
    // The first evaluation is the baseline: the seeded detractors are history.
    expect((await runPlaybooks({ store, tenantId: h.tenant.id, hubspot, logger: silent })).created).toEqual(
      [],
    );

    const company = h.sandbox.data.companies[3]!;
    const contact = h.sandbox.data.contacts.find((c) => c.properties.associatedcompanyid === company.id)!;
    const answer = h.sandbox.mutate.addFeedbackSubmission({
      contactId: contact.id,
      surveyType: 'NPS',
      value: 3,
      comment: 'Support takes days to answer',
    });
    await h.syncAndRefresh();

    // HubSpot fails: the event is given back, nothing is recorded as done.
    h.sandbox.setFaults({ serverErrorRate: 1 });
    const failed = await runPlaybooks({
      store,
      tenantId: h.tenant.id,
      hubspot: h.impatientHubspot(),
      logger: silent,
    });
    expect(failed).toMatchObject({ created: [], failed: 1 });
    expect(failed.stopped).toMatch(/HTTP 50\d/);
    expect(await store.playbooks.events(h.tenant.id)).toEqual([]);
    h.sandbox.setFaults(null);

    const run = await runPlaybooks({ store, tenantId: h.tenant.id, hubspot, logger: silent });
    expect(run.created).toEqual([
      {
        ruleId: 'detractor',
        companyId: company.id,
        eventKey: `detractor:hubspot:${answer.id}`,
        taskId: expect.any(String),
      },
    ]);
    expect((await runPlaybooks({ store, tenantId: h.tenant.id, hubspot, logger: silent })).created).toEqual(
      [],
    );
    const tasks = taskWrites(h);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.properties).toMatchObject({
      hs_task_subject: `${company.properties.name}: detractor NPS answer (3)`,
      hubspot_owner_id: company.properties.hubspot_owner_id,
    });
    expect(tasks[0]!.properties.hs_task_body).toContain('An NPS answer of 3 / 10 arrived');
    expect(tasks[0]!.properties.hs_task_body).toContain('Comment: "Support takes days to answer"');
    expect(companyOf(tasks[0]!)).toBe(company.id);
    expect(h.sandbox.data.tasks.map((t) => t.id)).toEqual([run.created[0]!.taskId]);
  }, 120_000);
});
