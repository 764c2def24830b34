import { NPS_DETRACTOR_MAX } from '@csm/metrics';
import type { Db } from './db.ts';
import { idOrder } from './identity.ts';

/** An account's health today next to an earlier snapshot (a playbook's trigger candidate). */
export interface HealthChange {
  companyId: string;
  name: string | null;
  ownerId: string | null;
  score: number | null;
  band: string | null;
  components: unknown;
  earlier: { day: string; score: number | null; band: string | null; components: unknown };
}

/** A detractor's NPS answer with the account it belongs to. */
export interface DetractorAnswer {
  source: string;
  externalId: string;
  value: number;
  comment: string | null;
  submittedAt: Date;
  companyId: string;
  name: string | null;
  ownerId: string | null;
}

/** A playbook event as stored: claimed by a run, then `created` with its HubSpot task id. */
export interface PlaybookEvent {
  ruleId: string;
  companyId: string;
  eventKey: string;
  day: string;
  status: 'claimed' | 'created';
  subject: string;
  taskId: string | null;
}

export interface PlaybookEventKey {
  ruleId: string;
  companyId: string;
  eventKey: string;
}

/** How long a claim whose run died (crash between claim and task) blocks a retry. */
const STALE_CLAIM = '1 hour';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Accounts whose snapshot of `day` and latest snapshot `daysBack` or more days earlier (up to a
 * week more, for days without a sync) satisfy `change`: `turned-red` (red now, green or yellow
 * then) or `{ drop }` (the score fell by more than `drop` points).
 */
export async function healthChanges(
  db: Db,
  tenantId: number,
  day: string,
  daysBack: number,
  change: 'turned-red' | { drop: number },
): Promise<HealthChange[]> {
  const condition =
    change === 'turned-red'
      ? `s.health_band = 'red' AND e.health_band IN ('green', 'yellow')`
      : 'e.health_score - s.health_score > $4';
  const rows = await db.query<Record<string, unknown>>(
    `SELECT s.company_id, c.name, c.owner_id, s.health_score, s.health_band, s.components,
       to_char(e.day, 'YYYY-MM-DD') AS then_day, e.health_score AS then_score, e.health_band AS then_band,
       e.components AS then_components
     FROM account_snapshots s
     JOIN companies c ON c.tenant_id = s.tenant_id AND c.hubspot_company_id = s.company_id
     JOIN LATERAL (
       SELECT x.day, x.health_score, x.health_band, x.components FROM account_snapshots x
       WHERE x.tenant_id = s.tenant_id AND x.company_id = s.company_id
         AND x.day <= $2::date - $3::int AND x.day > $2::date - $3::int - 7
       ORDER BY x.day DESC LIMIT 1
     ) e ON true
     WHERE s.tenant_id = $1 AND s.day = $2::date AND ${condition}
     ORDER BY ${idOrder('s.company_id')}`,
    change === 'turned-red' ? [tenantId, day, daysBack] : [tenantId, day, daysBack, change.drop],
  );
  return rows.map((r) => ({
    companyId: r.company_id as string,
    name: (r.name as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    score: num(r.health_score),
    band: (r.health_band as string | null) ?? null,
    components: r.components,
    earlier: {
      day: r.then_day as string,
      score: num(r.then_score),
      band: (r.then_band as string | null) ?? null,
      components: r.then_components,
    },
  }));
}

/**
 * NPS answers of `maxScore` (default `NPS_DETRACTOR_MAX`, the detractor cut-off of `@csm/metrics`) or
 * less submitted at or after `since`, with their account (the identity rules:
 * HubSpot answers through their contact's primary company, ingested answers to the company they
 * name). Answers that belong to no company are left out.
 */
export async function detractorAnswers(
  db: Db,
  tenantId: number,
  since: Date,
  maxScore: number = NPS_DETRACTOR_MAX,
): Promise<DetractorAnswer[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT a.source, a.external_id, a.value, a.comment, a.submitted_at, a.company_id, c.name, c.owner_id
     FROM (
       SELECT s.source, s.external_id, s.value, s.comment, s.submitted_at,
         CASE WHEN s.source = 'hubspot' THEN ct.primary_company_id ELSE s.company_id END AS company_id
       FROM survey_responses s
       LEFT JOIN contacts ct ON s.source = 'hubspot' AND ct.tenant_id = s.tenant_id
         AND ct.hubspot_contact_id = s.contact_id
       WHERE s.tenant_id = $1 AND s.survey_type = 'NPS' AND s.source IN ('hubspot', 'ingest')
         AND s.value IS NOT NULL AND s.value <= $3 AND s.submitted_at >= $2
     ) a
     JOIN companies c ON c.tenant_id = $1 AND c.hubspot_company_id = a.company_id
     ORDER BY a.submitted_at, a.source, ${idOrder('a.external_id')}`,
    [tenantId, since.toISOString(), maxScore],
  );
  return rows.map((r) => ({
    source: r.source as string,
    externalId: r.external_id as string,
    value: Number(r.value),
    comment: (r.comment as string | null) ?? null,
    submittedAt: new Date(r.submitted_at as string | Date),
    companyId: r.company_id as string,
    name: (r.name as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
  }));
}

/**
 * Claims an event for this run (`claim`, a random token): true when this run inserted it and so
 * must create its task. False when another run holds or created it, or when `quietDays` is set and
 * the same rule fired for the company within that many days before `day`. A claim left by a run
 * that died (older than an hour, no task) can be taken over.
 */
export async function claimPlaybookEvent(
  db: Db,
  tenantId: number,
  event: PlaybookEventKey & { day: string; subject: string; quietDays?: number },
  claim: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO playbook_events (tenant_id, rule_id, company_id, event_key, day, claim, subject)
     SELECT $1, $2, $3, $4, $5::date, $6, $7
     WHERE $8::int = 0 OR NOT EXISTS (
       SELECT 1 FROM playbook_events p WHERE p.tenant_id = $1 AND p.rule_id = $2 AND p.company_id = $3
         AND p.event_key <> $4 AND p.day > $5::date - $8::int AND p.day <= $5::date)
     ON CONFLICT (tenant_id, rule_id, company_id, event_key) DO UPDATE
       SET claim = excluded.claim, claimed_at = now()
       WHERE playbook_events.status = 'claimed' AND playbook_events.claimed_at < now() - interval '${STALE_CLAIM}'
     RETURNING event_key`,
    [
      tenantId,
      event.ruleId,
      event.companyId,
      event.eventKey,
      event.day,
      claim,
      event.subject,
      event.quietDays ?? 0,
    ],
  );
  return rows.length > 0;
}

/** Marks a claimed event done with the task that was created for it. */
export async function completePlaybookEvent(
  db: Db,
  tenantId: number,
  key: PlaybookEventKey,
  claim: string,
  taskId: string,
): Promise<void> {
  await db.query(
    `UPDATE playbook_events SET status = 'created', task_id = $5, created_at = now()
     WHERE tenant_id = $1 AND rule_id = $2 AND company_id = $3 AND event_key = $4 AND claim = $6`,
    [tenantId, key.ruleId, key.companyId, key.eventKey, taskId, claim],
  );
}

/** Gives a claim back (its task could not be created): a later run tries again. */
export async function releasePlaybookEvent(
  db: Db,
  tenantId: number,
  key: PlaybookEventKey,
  claim: string,
): Promise<void> {
  await db.query(
    `DELETE FROM playbook_events
     WHERE tenant_id = $1 AND rule_id = $2 AND company_id = $3 AND event_key = $4 AND claim = $5
       AND status = 'claimed'`,
    [tenantId, key.ruleId, key.companyId, key.eventKey, claim],
  );
}

/** The tenant's events, oldest first. */
export async function playbookEvents(db: Db, tenantId: number): Promise<PlaybookEvent[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT rule_id, company_id, event_key, to_char(day, 'YYYY-MM-DD') AS day, status, subject, task_id
     FROM playbook_events WHERE tenant_id = $1 ORDER BY claimed_at, rule_id, event_key`,
    [tenantId],
  );
  return rows.map((r) => ({
    ruleId: r.rule_id as string,
    companyId: r.company_id as string,
    eventKey: r.event_key as string,
    day: r.day as string,
    status: r.status as PlaybookEvent['status'],
    subject: r.subject as string,
    taskId: (r.task_id as string | null) ?? null,
  }));
}

/** The tenant's saved rules (JSON, validated by the reader), or null for the defaults. */
export async function readPlaybookRules(db: Db, tenantId: number): Promise<unknown> {
  const [row] = await db.query<{ rules: unknown }>(
    'SELECT rules FROM playbook_settings WHERE tenant_id = $1',
    [tenantId],
  );
  return row?.rules ?? null;
}

export async function savePlaybookRules(db: Db, tenantId: number, rules: unknown): Promise<void> {
  await db.query(
    `INSERT INTO playbook_settings (tenant_id, rules) VALUES ($1, $2::jsonb)
     ON CONFLICT (tenant_id) DO UPDATE SET rules = excluded.rules, updated_at = now()`,
    [tenantId, rules === null ? null : JSON.stringify(rules)],
  );
}

/**
 * Starts an evaluation at `now`: the tenant's baseline (its first evaluation; answers before it
 * are history, not events) and when the previous evaluation ran.
 */
export async function beginPlaybookEvaluation(
  db: Db,
  tenantId: number,
  now: Date,
): Promise<{ baselineAt: Date; evaluatedAt: Date | null }> {
  const [row] = await db.query<{ baseline_at: string | Date; evaluated_at: string | Date | null }>(
    `INSERT INTO playbook_settings (tenant_id, baseline_at) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE
       SET baseline_at = COALESCE(playbook_settings.baseline_at, excluded.baseline_at)
     RETURNING baseline_at, evaluated_at`,
    [tenantId, now.toISOString()],
  );
  return {
    baselineAt: new Date(row!.baseline_at),
    evaluatedAt: row!.evaluated_at ? new Date(row!.evaluated_at) : null,
  };
}

/** Records that an evaluation ran at `now` (never moves back). */
export async function finishPlaybookEvaluation(db: Db, tenantId: number, now: Date): Promise<void> {
  await db.query(
    `UPDATE playbook_settings SET evaluated_at = GREATEST(COALESCE(evaluated_at, $2), $2) WHERE tenant_id = $1`,
    [tenantId, now.toISOString()],
  );
}

/** Playbooks: per-tenant rules, trigger reads, and events claimed at most once per key. */
export interface PlaybooksApi {
  /** Saved rules (JSON, validated by the reader), or null for the defaults. */
  rules(tenantId: number): Promise<unknown>;
  saveRules(tenantId: number, rules: unknown): Promise<void>;
  begin(tenantId: number, now: Date): Promise<{ baselineAt: Date; evaluatedAt: Date | null }>;
  finish(tenantId: number, now: Date): Promise<void>;
  healthChanges(
    tenantId: number,
    day: string,
    daysBack: number,
    change: 'turned-red' | { drop: number },
  ): Promise<HealthChange[]>;
  /** NPS answers of `maxScore` (default `NPS_DETRACTOR_MAX` of `@csm/metrics`, 6) or less since `since`. */
  detractorAnswers(tenantId: number, since: Date, maxScore?: number): Promise<DetractorAnswer[]>;
  /** True when this run inserted the event (and so creates its task). */
  claim(
    tenantId: number,
    event: PlaybookEventKey & { day: string; subject: string; quietDays?: number },
    claim: string,
  ): Promise<boolean>;
  complete(tenantId: number, key: PlaybookEventKey, claim: string, taskId: string): Promise<void>;
  release(tenantId: number, key: PlaybookEventKey, claim: string): Promise<void>;
  events(tenantId: number): Promise<PlaybookEvent[]>;
}

export function playbooksApi(db: Db): PlaybooksApi {
  return {
    rules: (tenantId) => readPlaybookRules(db, tenantId),
    saveRules: (tenantId, rules) => savePlaybookRules(db, tenantId, rules),
    begin: (tenantId, now) => beginPlaybookEvaluation(db, tenantId, now),
    finish: (tenantId, now) => finishPlaybookEvaluation(db, tenantId, now),
    healthChanges: (tenantId, day, daysBack, change) => healthChanges(db, tenantId, day, daysBack, change),
    detractorAnswers: (tenantId, since, maxScore) => detractorAnswers(db, tenantId, since, maxScore),
    claim: (tenantId, event, claim) => claimPlaybookEvent(db, tenantId, event, claim),
    complete: (tenantId, key, claim, taskId) => completePlaybookEvent(db, tenantId, key, claim, taskId),
    release: (tenantId, key, claim) => releasePlaybookEvent(db, tenantId, key, claim),
    events: (tenantId) => playbookEvents(db, tenantId),
  };
}
