import { type AccountFacts, accountFacts, accountFactsBatches } from './account-facts.ts';
import {
  type AccountMetricsRow,
  type AccountSnapshot,
  accountHistory,
  type CardBundle,
  type Freshness,
  freshness,
  pruneAccountMetrics,
  readAccountCard,
  readCardBundle,
  readHealthModel,
  readSavedCoverage,
  readStoredReports,
  saveAccountMetrics,
  saveCoverage,
  saveHealthModel,
  snapshotsAround,
} from './account-metrics.ts';
import { type ApiKeysApi, apiKeysApi } from './api-keys.ts';
import { autoAnalyzer } from './auto-analyze.ts';
import {
  accountOfEmail,
  readContact,
  readDeal,
  readOrganizationTickets,
  readPersonActivity,
  readZendeskOrganization,
  readZendeskUser,
} from './card-reads.ts';
import { type Coverage, coverage } from './coverage.ts';
import { keyFromString } from './crypto.ts';
import { type Db, type DbHandle, openPg, openPglite } from './db.ts';
import {
  commitIngestBatch,
  contactsByEmail,
  type IngestKind,
  type IngestOutcome,
  type IngestWriter,
  resolveAccounts,
} from './ingest-batches.ts';
import { migrate, migrationsApplied } from './migrate.ts';
import {
  linkOrganization,
  type OrganizationLink,
  resolveOrganization,
  unlinkOrganization,
} from './organizations.ts';
import {
  beginPlaybookEvaluation,
  claimPlaybookEvent,
  completePlaybookEvent,
  type DetractorAnswer,
  detractorAnswers,
  finishPlaybookEvaluation,
  type HealthChange,
  healthChanges,
  type PlaybookEvent,
  type PlaybookEventKey,
  playbookEvents,
  readPlaybookRules,
  releasePlaybookEvent,
  savePlaybookRules,
} from './playbooks.ts';
import { type RecordKind, type RecordOf, recordSchemas } from './records.ts';
import { acquireSyncLease, releaseSyncLease, syncLeaseHolder } from './sync-leases.ts';
import {
  finishSyncRun,
  lastSyncRuns,
  type SyncMode,
  type SyncRun,
  type SyncRunStatus,
  startSyncRun,
} from './sync-runs.ts';
import { selectSql, tables } from './tables.ts';
import { type TenantsApi, tenantsApi } from './tenants.ts';
import { type AccountUsageRow, type LatestUsage, latestUsage, readUsage } from './usage.ts';
import { type WebhooksApi, webhooksApi } from './webhooks.ts';
import {
  readPropertyWrites,
  recordPropertyWrites,
  type WriteBackCandidate,
  writeBackCandidates,
} from './write-back.ts';
import { type WritePageInput, writePage } from './write-page.ts';

export interface OpenStoreOptions {
  /** PostgreSQL URL; unset = PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; unset or `memory://` = in memory. */
  dataDir?: string;
  /** pg only: a schema of its own (tests), created when missing. */
  schema?: string;
  /** 32 bytes, base64 or hex (`CSM_ENCRYPTION_KEY`). */
  encryptionKey: string;
}

type OmitFirst<F> = F extends (db: Db, ...rest: infer A) => infer R ? (...rest: A) => R : never;

/** A quarantined item as stored. */
export interface QuarantineRow {
  stream: string;
  externalId: string;
  reason: string;
  payload: unknown;
  seenAt: Date;
}

/** The store: everything the connectors, the sync engine and the server read and write. */
export interface Store {
  readonly kind: 'pglite' | 'pg';
  /** The raw connection, for what the store does not cover (and tests). */
  readonly db: Db;
  readonly tenants: TenantsApi;
  /** Webhook delivery ids already handled, and Zendesk webhook signing secrets (encrypted). */
  readonly webhooks: WebhooksApi;
  /** Whether every migration is applied (readiness). */
  migrationsApplied(): Promise<boolean>;

  /** One page of a stream, its quarantine and its cursor, in one transaction. */
  writePage<K extends RecordKind>(input: WritePageInput<K>): Promise<{ upserted: number }>;
  /** A stream's cursor, or null before its first page. */
  getCursor(tenantId: number, stream: string): Promise<unknown>;
  /** Forgets the cursors of a tenant's streams (those starting with `streamPrefix`): next sync backfills. */
  resetCursors(tenantId: number, streamPrefix?: string): Promise<number>;

  startSyncRun(tenantId: number, source: string, mode: SyncMode): Promise<number>;
  finishSyncRun(
    id: number,
    result: { status: Exclude<SyncRunStatus, 'running'>; stats?: unknown; error?: string | null },
  ): Promise<void>;
  /** The latest run per source. */
  lastSyncRuns(tenantId: number): Promise<SyncRun[]>;

  /** Canonical records of a kind, ordered by key, as the records.ts schemas give them (Dates). */
  readRecords<K extends RecordKind>(tenantId: number, kind: K): Promise<RecordOf<K>[]>;
  countRecords(tenantId: number, kind: RecordKind): Promise<number>;
  quarantineRows(tenantId: number): Promise<QuarantineRow[]>;

  linkOrganization(tenantId: number, zendeskOrgId: string, hubspotCompanyId: string): Promise<void>;
  unlinkOrganization(tenantId: number, zendeskOrgId: string): Promise<void>;
  resolveOrganization(tenantId: number, zendeskOrgId: string): Promise<OrganizationLink>;

  /**
   * Every account (HubSpot company) of the tenant with its facts, or only the given ones (a card
   * request reads just their rows).
   */
  accountFacts(tenantId: number, companyIds?: string | readonly string[]): Promise<AccountFacts[]>;
  /** Every account's facts, `batchSize` companies at a time (bounded memory). */
  accountFactsBatches(tenantId: number, batchSize?: number): AsyncGenerator<AccountFacts[]>;
  coverage(tenantId: number): Promise<Coverage>;

  /** One active sync per tenant across processes: a lease with an expiry, renewed while it runs. */
  readonly syncLeases: {
    acquire(tenantId: number, holder: string, ttlSeconds: number): Promise<boolean>;
    release(tenantId: number, holder: string): Promise<void>;
    holder(tenantId: number): Promise<string | null>;
  };
  /** Per-account figures computed after each sync, and their daily snapshots. */
  readonly accountMetrics: {
    save(tenantId: number, day: string, computedAt: Date, rows: readonly AccountMetricsRow[]): Promise<void>;
    prune(tenantId: number): Promise<number>;
    snapshotsAround(
      tenantId: number,
      day: string,
      companyIds: readonly string[],
      toleranceDays?: number,
    ): Promise<Map<string, AccountSnapshot>>;
    history(tenantId: number, companyId: string, days?: number): Promise<AccountSnapshot[]>;
    /** The stored card of one account (one primary-key read), or null. */
    card(tenantId: number, companyId: string): Promise<{ card: unknown; computedAt: Date } | null>;
    /** A company card request's whole read (tenant by portal, card, freshness, coverage) in one statement. */
    cardBundle(portalId: number, companyId: string): Promise<CardBundle | null>;
    /** Every stored report element (numeric id order) and the oldest computation time. */
    reports(tenantId: number): Promise<{ reports: unknown[]; oldest: Date | null; count: number }>;
  };
  /** When each source last ran and last succeeded. */
  freshness(tenantId: number): Promise<Freshness>;
  /** Per-tenant settings: the health model (JSON, validated by its reader), null = default. */
  readonly settings: {
    healthModel(tenantId: number): Promise<unknown>;
    saveHealthModel(tenantId: number, model: unknown): Promise<void>;
    /** Coverage counts saved by the last refresh, for cards. */
    coverage(tenantId: number): Promise<{ coverage: unknown; at: Date } | null>;
    saveCoverage(tenantId: number, coverage: unknown, at: Date): Promise<void>;
  };
  /** The few-row reads behind the deal, contact and Zendesk cards. */
  readonly cardReads: {
    deal: OmitFirst<typeof readDeal>;
    contact: OmitFirst<typeof readContact>;
    personActivity: OmitFirst<typeof readPersonActivity>;
    zendeskOrganization: OmitFirst<typeof readZendeskOrganization>;
    zendeskUser: OmitFirst<typeof readZendeskUser>;
    organizationTickets: OmitFirst<typeof readOrganizationTickets>;
    accountOfEmail: OmitFirst<typeof accountOfEmail>;
  };

  /** Per-tenant API keys of the ingestion API (only hashes are stored). */
  readonly apiKeys: ApiKeysApi;
  /** Ingestion batches: one transaction each, at most once per idempotency key. */
  readonly ingest: {
    commit<R>(
      tenantId: number,
      batch: { kind: IngestKind; idempotencyKey: string | null; contentHash: string },
      write: (writer: IngestWriter) => Promise<R>,
    ): Promise<IngestOutcome<R>>;
    /** Which ids are the tenant's companies, and the company of each domain. */
    resolveAccounts(
      tenantId: number,
      ids: readonly string[],
      domains: readonly string[],
    ): Promise<{ ids: Set<string>; domains: Map<string, string> }>;
    /** Per lower-cased email, the tenant's HubSpot contact id. */
    contactsByEmail(tenantId: number, emails: readonly string[]): Promise<Map<string, string>>;
  };
  /** Product usage per account per day (ingested). */
  readonly usage: {
    /** Per account, its latest day with license utilization (active users / licensed seats x 100). */
    latest(tenantId: number, companyIds?: readonly string[]): Promise<Map<string, LatestUsage>>;
    /** Every row of the tenant, account then day order. */
    read(tenantId: number): Promise<AccountUsageRow[]>;
  };

  /** HubSpot company property write-back: what was last written per company. */
  readonly writeBack: {
    /** A page of accounts (numeric id order, after `after`) with their figures and last written values. */
    candidates(tenantId: number, after: string | null, limit: number): Promise<WriteBackCandidate[]>;
    /** Remembers what a successful batch update sent. */
    record(
      tenantId: number,
      writes: readonly { companyId: string; properties: Record<string, string> }[],
      at: Date,
    ): Promise<void>;
    written(tenantId: number): Promise<Map<string, { properties: Record<string, string>; writtenAt: Date }>>;
  };
  /** Playbooks: per-tenant rules, trigger reads, and events claimed at most once per key. */
  readonly playbooks: {
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
    detractorAnswers(tenantId: number, since: Date, maxScore: number): Promise<DetractorAnswer[]>;
    /** True when this run inserted the event (and so creates its task). */
    claim(
      tenantId: number,
      event: PlaybookEventKey & { day: string; subject: string; quietDays?: number },
      claim: string,
    ): Promise<boolean>;
    complete(tenantId: number, key: PlaybookEventKey, claim: string, taskId: string): Promise<void>;
    release(tenantId: number, key: PlaybookEventKey, claim: string): Promise<void>;
    events(tenantId: number): Promise<PlaybookEvent[]>;
  };

  close(): Promise<void>;
}

/**
 * Opens the store (PGlite or PostgreSQL) and applies pending migrations.
 *
 * @example
 * const store = await openStore({ encryptionKey: generateKey() }); // PGlite in memory
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const key = keyFromString(options.encryptionKey);
  const db: DbHandle = options.databaseUrl
    ? await openPg(options.databaseUrl, options.schema)
    : await openPglite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }

  const analyzed = autoAnalyzer(db);

  return {
    kind: db.kind,
    db,
    tenants: tenantsApi(db, key),
    webhooks: webhooksApi(db, key),
    migrationsApplied: () => migrationsApplied(db),
    writePage: (input) => writePage(db, input, analyzed),
    async getCursor(tenantId, stream) {
      const [row] = await db.query<{ cursor: unknown }>(
        'SELECT cursor FROM stream_cursors WHERE tenant_id = $1 AND stream = $2',
        [tenantId, stream],
      );
      return row?.cursor ?? null;
    },
    async resetCursors(tenantId, streamPrefix = '') {
      // starts_with, not LIKE: stream names hold `_`, a LIKE wildcard.
      const rows = await db.query(
        'DELETE FROM stream_cursors WHERE tenant_id = $1 AND starts_with(stream, $2) RETURNING stream',
        [tenantId, streamPrefix],
      );
      return rows.length;
    },
    startSyncRun: (tenantId, source, mode) => startSyncRun(db, tenantId, source, mode),
    finishSyncRun: (id, result) => finishSyncRun(db, id, result),
    lastSyncRuns: (tenantId) => lastSyncRuns(db, tenantId),
    async readRecords<K extends RecordKind>(tenantId: number, kind: K) {
      const rows = await db.query(selectSql(tables[kind]), [tenantId]);
      return rows.map((row) => recordSchemas[kind].parse(row) as RecordOf<K>);
    },
    async countRecords(tenantId, kind) {
      const [row] = await db.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${tables[kind].table} WHERE tenant_id = $1`,
        [tenantId],
      );
      return Number(row?.n ?? 0);
    },
    async quarantineRows(tenantId) {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT stream, external_id, reason, payload, seen_at FROM quarantine WHERE tenant_id = $1
         ORDER BY stream, length(external_id), external_id`,
        [tenantId],
      );
      return rows.map((r) => ({
        stream: r.stream as string,
        externalId: r.external_id as string,
        reason: r.reason as string,
        payload: r.payload ?? null,
        seenAt: new Date(r.seen_at as string | Date),
      }));
    },
    linkOrganization: (tenantId, orgId, companyId) => linkOrganization(db, tenantId, orgId, companyId),
    unlinkOrganization: (tenantId, orgId) => unlinkOrganization(db, tenantId, orgId),
    resolveOrganization: (tenantId, orgId) => resolveOrganization(db, tenantId, orgId),
    accountFacts: (tenantId, companyIds) =>
      accountFacts(
        db,
        tenantId,
        companyIds === undefined
          ? undefined
          : typeof companyIds === 'string'
            ? [companyIds]
            : [...companyIds],
      ),
    accountFactsBatches: (tenantId, batchSize) => accountFactsBatches(db, tenantId, batchSize),
    coverage: (tenantId) => coverage(db, tenantId),
    syncLeases: {
      acquire: (tenantId, holder, ttl) => acquireSyncLease(db, tenantId, holder, ttl),
      release: (tenantId, holder) => releaseSyncLease(db, tenantId, holder),
      holder: (tenantId) => syncLeaseHolder(db, tenantId),
    },
    accountMetrics: {
      save: (tenantId, day, computedAt, rows) => saveAccountMetrics(db, tenantId, day, computedAt, rows),
      prune: (tenantId) => pruneAccountMetrics(db, tenantId),
      snapshotsAround: (tenantId, day, ids, tolerance) => snapshotsAround(db, tenantId, day, ids, tolerance),
      history: (tenantId, companyId, days) => accountHistory(db, tenantId, companyId, days),
      card: (tenantId, companyId) => readAccountCard(db, tenantId, companyId),
      reports: (tenantId) => readStoredReports(db, tenantId),
      cardBundle: (portalId, companyId) => readCardBundle(db, portalId, companyId),
    },
    freshness: (tenantId) => freshness(db, tenantId),
    settings: {
      healthModel: (tenantId) => readHealthModel(db, tenantId),
      saveHealthModel: (tenantId, model) => saveHealthModel(db, tenantId, model),
      coverage: (tenantId) => readSavedCoverage(db, tenantId),
      saveCoverage: (tenantId, coverage, at) => saveCoverage(db, tenantId, coverage, at),
    },
    cardReads: {
      deal: (...a) => readDeal(db, ...a),
      contact: (...a) => readContact(db, ...a),
      personActivity: (...a) => readPersonActivity(db, ...a),
      zendeskOrganization: (...a) => readZendeskOrganization(db, ...a),
      zendeskUser: (...a) => readZendeskUser(db, ...a),
      organizationTickets: (...a) => readOrganizationTickets(db, ...a),
      accountOfEmail: (...a) => accountOfEmail(db, ...a),
    },
    apiKeys: apiKeysApi(db),
    ingest: {
      commit: (tenantId, batch, write) => commitIngestBatch(db, tenantId, batch, write),
      resolveAccounts: (tenantId, ids, domains) => resolveAccounts(db, tenantId, ids, domains),
      contactsByEmail: (tenantId, emails) => contactsByEmail(db, tenantId, emails),
    },
    usage: {
      latest: (tenantId, companyIds) => latestUsage(db, tenantId, companyIds),
      read: (tenantId) => readUsage(db, tenantId),
    },
    writeBack: {
      candidates: (tenantId, after, limit) => writeBackCandidates(db, tenantId, after, limit),
      record: (tenantId, writes, at) => recordPropertyWrites(db, tenantId, writes, at),
      written: (tenantId) => readPropertyWrites(db, tenantId),
    },
    playbooks: {
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
    },
    close: () => db.close(),
  };
}
