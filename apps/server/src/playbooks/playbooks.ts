/**
 * Playbooks: after each refresh, the tenant's rules are checked against the
 * stored snapshots and survey answers; each event that fires becomes one HubSpot task for the
 * company's owner, associated with the company, saying why.
 *
 * Never the same task twice: every event has a key (`turned-red:<company>:<day>`,
 * `score-drop:<company>:<day>`, `detractor:<source>:<answer id>`), and a run first inserts the
 * event row (unique per tenant, rule, company and key) and creates the task only when its insert
 * won; two racing runs therefore create one task. A task that cannot be created gives its row
 * back, so a later run retries it.
 */
import { randomUUID } from 'node:crypto';
import { dayOf } from '@csm/accounts';
import { type ApiClient, ApiError } from '@csm/http';
import { createTask, TASK_TO_COMPANY_TYPE_ID, taskToCompanyTypeId } from '@csm/hubspot';
import type { HealthComponent, HealthSignalKey } from '@csm/metrics';
import type { DetractorAnswer, HealthChange, Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { type PlaybookRule, tenantPlaybookRules } from './playbook-rules.ts';

const DAY_MS = 86_400_000;
/** Answers can reach us days after they were given (sync lag, late imports): look back this far. */
const ANSWER_LOOKBACK_MS = 7 * DAY_MS;
/** A task is due one day after the event is seen. */
const DUE_IN_MS = DAY_MS;

export interface PlaybookRunOptions {
  store: Store;
  tenantId: number;
  hubspot: ApiClient;
  now?: Date;
  logger?: Logger;
}

/** A fired event, ready to become a task. */
export interface PlaybookEventDraft {
  ruleId: string;
  companyId: string;
  eventKey: string;
  ownerId: string | null;
  subject: string;
  body: string;
  /** Days during which the rule stays quiet for the company after firing (score drops). */
  quietDays?: number;
}

export interface PlaybookRunResult {
  /** Events this run created a task for. */
  created: { ruleId: string; companyId: string; eventKey: string; taskId: string }[];
  /** Events whose task could not be created (given back for a later run). */
  failed: number;
  /** Why the run stopped early (HubSpot refused tasks), if it did. */
  stopped: string | null;
}

const signalLabels: Record<HealthSignalKey, string> = {
  licenseUtilization: 'License utilization (%)',
  nps: 'NPS',
  csat: 'CSAT (%)',
  fcr: 'FCR (%)',
  ticketsPerMonth: 'Tickets per month',
  openUrgentTickets: 'Open urgent tickets',
  mrrChange: 'MRR change (%)',
  onboardingCompletion: 'Onboarding completion (%)',
  daysSinceLastTouch: 'Days since last contact',
};

const one = (n: number) => (Math.round(n * 10) / 10).toString();
const signed = (n: number) => `${n < 0 ? '−' : '+'}${one(Math.abs(n))}`;
const companyName = (c: { name: string | null; companyId: string }) => c.name ?? `Company ${c.companyId}`;

/**
 * The components that pulled the score down between two snapshots, largest loss first (at most
 * three), as lines a person reads: `NPS: 40 → -20 (−8.5 points)`.
 */
export function whatMoved(now: unknown, then: unknown): string[] {
  const before = new Map(((then as HealthComponent[] | null) ?? []).map((c) => [c.key, c]));
  const after = new Map(((now as HealthComponent[] | null) ?? []).map((c) => [c.key, c]));
  const keys = new Set([...before.keys(), ...after.keys()]);
  const moves = [...keys].map((key) => {
    const b = before.get(key);
    const a = after.get(key);
    return { key, b, a, delta: (a?.contribution ?? 0) - (b?.contribution ?? 0) };
  });
  return moves
    .filter((m) => m.delta < -0.05)
    .sort((x, y) => x.delta - y.delta)
    .slice(0, 3)
    .map(({ key, a, b, delta }) => {
      const label = signalLabels[key];
      const values =
        a && b ? `${one(b.value)} → ${one(a.value)}` : a ? `now ${one(a.value)}` : 'no longer measured';
      return `- ${label}: ${values} (${signed(delta)} points)`;
    });
}

function healthBody(change: HealthChange, headline: string, ruleId: string): string {
  const moved = whatMoved(change.components, change.earlier.components);
  return [
    headline,
    ...(moved.length ? ['What moved most:', ...moved] : []),
    `Created by Success Metrics (playbook rule "${ruleId}").`,
  ].join('\n');
}

const score = (s: number | null) => (s === null ? 'no score' : one(s));

function turnedRed(rule: PlaybookRule, day: string, changes: HealthChange[]): PlaybookEventDraft[] {
  return changes.map((c) => ({
    ruleId: rule.id,
    companyId: c.companyId,
    eventKey: `turned-red:${c.companyId}:${day}`,
    ownerId: c.ownerId,
    subject: `${companyName(c)} turned red`,
    body: healthBody(
      c,
      `${companyName(c)}'s health fell from ${score(c.earlier.score)} (${c.earlier.band}, ${c.earlier.day}) to ${score(c.score)} (red) on ${day}.`,
      rule.id,
    ),
  }));
}

function scoreDrops(
  rule: Extract<PlaybookRule, { kind: 'score-drop' }>,
  day: string,
  changes: HealthChange[],
): PlaybookEventDraft[] {
  return changes.map((c) => {
    const drop = (c.earlier.score ?? 0) - (c.score ?? 0);
    return {
      ruleId: rule.id,
      companyId: c.companyId,
      eventKey: `score-drop:${c.companyId}:${day}`,
      ownerId: c.ownerId,
      quietDays: rule.days,
      subject: `${companyName(c)}: health dropped ${one(drop)} points in ${rule.days} days`,
      body: healthBody(
        c,
        `${companyName(c)}'s health score fell from ${score(c.earlier.score)} on ${c.earlier.day} to ${score(c.score)} on ${day} (more than ${rule.points} points within ${rule.days} days).`,
        rule.id,
      ),
    };
  });
}

function detractors(rule: PlaybookRule, answers: DetractorAnswer[]): PlaybookEventDraft[] {
  return answers.map((a) => ({
    ruleId: rule.id,
    companyId: a.companyId,
    eventKey: `detractor:${a.source}:${a.externalId}`,
    ownerId: a.ownerId,
    subject: `${companyName(a)}: detractor NPS answer (${one(a.value)})`,
    body: [
      `An NPS answer of ${one(a.value)} / 10 arrived for ${companyName(a)} on ${a.submittedAt.toISOString().slice(0, 10)} (${a.source} answer ${a.externalId}).`,
      a.comment ? `Comment: "${a.comment}"` : 'No comment was left.',
      `Created by Success Metrics (playbook rule "${rule.id}").`,
    ].join('\n'),
  }));
}

/** The events the tenant's enabled rules fire at `now`. */
export async function playbookEvents(
  store: Store,
  tenantId: number,
  rules: readonly PlaybookRule[],
  now: Date,
  answersSince: Date,
): Promise<PlaybookEventDraft[]> {
  const day = dayOf(now);
  const drafts: PlaybookEventDraft[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (rule.kind === 'turned-red') {
      drafts.push(
        ...turnedRed(rule, day, await store.playbooks.healthChanges(tenantId, day, 1, 'turned-red')),
      );
    } else if (rule.kind === 'score-drop') {
      const changes = await store.playbooks.healthChanges(tenantId, day, rule.days, { drop: rule.points });
      drafts.push(...scoreDrops(rule, day, changes));
    } else {
      drafts.push(
        ...detractors(rule, await store.playbooks.detractorAnswers(tenantId, answersSince, rule.maxScore)),
      );
    }
  }
  return drafts;
}

/**
 * Evaluates the tenant's playbooks and creates a task for every event not seen before. Stops at
 * the first refusal that would repeat for every task (auth, scope, rate limit, outage); a task
 * HubSpot refuses as invalid is given back and the rest go on.
 *
 * @example
 * await runPlaybooks({ store, tenantId: tenant.id, hubspot: clients.hubspot });
 */
export async function runPlaybooks(options: PlaybookRunOptions): Promise<PlaybookRunResult> {
  const { store, tenantId, hubspot, logger } = options;
  const now = options.now ?? new Date();
  const result: PlaybookRunResult = { created: [], failed: 0, stopped: null };
  const { rules } = await tenantPlaybookRules(store, tenantId, logger);
  if (!rules.some((r) => r.enabled)) return result;

  const { baselineAt, evaluatedAt } = await store.playbooks.begin(tenantId, now);
  // Answers before the first evaluation are history, not news; after it, re-read a week back.
  const since = new Date(Math.max(baselineAt.getTime(), (evaluatedAt?.getTime() ?? 0) - ANSWER_LOOKBACK_MS));
  const drafts = await playbookEvents(store, tenantId, rules, now, since);
  const claim = randomUUID();
  const day = dayOf(now);
  let typeId: number | undefined;

  for (const draft of drafts) {
    const key = { ruleId: draft.ruleId, companyId: draft.companyId, eventKey: draft.eventKey };
    const claimed = await store.playbooks.claim(
      tenantId,
      { ...key, day, subject: draft.subject, ...(draft.quietDays ? { quietDays: draft.quietDays } : {}) },
      claim,
    );
    if (!claimed) continue;
    try {
      typeId ??= await associationType(hubspot, logger);
      const taskId = await createTask(hubspot, {
        subject: draft.subject,
        body: draft.body,
        dueAt: new Date(now.getTime() + DUE_IN_MS),
        companyId: draft.companyId,
        ownerId: draft.ownerId,
        associationTypeId: typeId,
      });
      await store.playbooks.complete(tenantId, key, claim, taskId);
      result.created.push({ ...key, taskId });
    } catch (error) {
      await store.playbooks.release(tenantId, key, claim);
      result.failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      logger?.warn(
        { tenantId, event: draft.eventKey, err: message },
        'playbook task not created; retried on a later run',
      );
      if (!(error instanceof ApiError && error.code === 'invalid_input')) {
        result.stopped = message;
        break;
      }
    }
  }
  await store.playbooks.finish(tenantId, now);
  return result;
}

/** The task -> company association type of the portal; the documented default when unreadable. */
async function associationType(hubspot: ApiClient, logger?: Logger): Promise<number> {
  try {
    return await taskToCompanyTypeId(hubspot);
  } catch (error) {
    logger?.warn(
      { err: error instanceof Error ? error.message : String(error) },
      `association labels unreadable; using task_to_company (${TASK_TO_COMPANY_TYPE_ID})`,
    );
    return TASK_TO_COMPANY_TYPE_ID;
  }
}
