/**
 * The account's webhooks (what `POST /api/v2/webhooks` creates) and their deliveries: an event of a
 * type a webhook subscribes to is POSTed to its endpoint as Zendesk sends it, signed with the
 * webhook's secret (`X-Zendesk-Webhook-Signature` = base64 HMAC-SHA256 over the timestamp and the
 * body, `X-Zendesk-Webhook-Signature-Timestamp`), with `X-Zendesk-Webhook-Id` and
 * `X-Zendesk-Webhook-Invocation-Id`.
 * https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request/
 * https://developer.zendesk.com/documentation/webhooks/verifying/
 */
import { createHmac } from 'node:crypto';
import { isoMs, isoSeconds } from '../clock.ts';
import { type Rng, randomUuid } from '../random.ts';
import { surveyResponseId } from './survey-shapes.ts';

export interface WebhookRow {
  id: string;
  name: string;
  description: string;
  endpoint: string;
  http_method: string;
  request_format: string;
  status: 'active' | 'inactive';
  subscriptions: string[];
  secret: string;
  created: number;
  updated: number;
  createdBy: number;
}

/** One event as the webhook payload carries it (the envelope's other fields are added on delivery). */
export interface ZendeskEvent {
  type: string;
  subject: string;
  detail: Record<string, unknown>;
  event: Record<string, unknown>;
  zendeskEventVersion: string;
}

/** What the sandbox sent, for tests (`sandbox.webhookDeliveries()`). */
export interface WebhookDelivery {
  webhookId: string;
  invocationId: string;
  type: string;
  endpoint: string;
  body: string;
  /** The receiver's HTTP status, or the error of a failed send. */
  status: number | null;
  error: string | null;
}

export type WebhookTransport = (request: Request) => Promise<Response>;

export class WebhookRegistry {
  private readonly rows = new Map<string, WebhookRow>();
  private readonly sent: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();
  private nextInvocation = 8_350_205_582;
  private transport: WebhookTransport = (request) => fetch(request);

  constructor(
    private readonly rng: Rng,
    private readonly accountId: number,
    private readonly now: () => number,
  ) {}

  create(input: Omit<WebhookRow, 'id' | 'secret' | 'created' | 'updated'>): WebhookRow {
    const at = this.now();
    const id = surveyResponseId(Math.floor(this.rng() * 2 ** 48)).replace(/^01J/, '01F');
    const row: WebhookRow = { ...input, id, secret: this.newSecret(), created: at, updated: at };
    this.rows.set(id, row);
    return row;
  }

  get(id: string): WebhookRow | undefined {
    return this.rows.get(id);
  }

  list(): WebhookRow[] {
    return [...this.rows.values()];
  }

  delete(id: string): boolean {
    return this.rows.delete(id);
  }

  resetSecret(id: string): WebhookRow | undefined {
    const row = this.rows.get(id);
    if (row) row.secret = this.newSecret();
    return row;
  }

  setTransport(transport: WebhookTransport | null): void {
    this.transport = transport ?? ((request) => fetch(request));
  }

  /** Sends each event to every active webhook subscribed to its type (not awaited: see `flush`). */
  emit(events: readonly ZendeskEvent[]): void {
    for (const event of events)
      for (const row of this.rows.values())
        if (row.status === 'active' && row.subscriptions.includes(event.type)) this.deliver(row, event);
  }

  /** Waits until every delivery sent so far has been answered. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  deliveries(): WebhookDelivery[] {
    return this.sent.map((d) => ({ ...d }));
  }

  private deliver(row: WebhookRow, event: ZendeskEvent): void {
    const body = JSON.stringify({
      account_id: this.accountId,
      detail: event.detail,
      event: event.event,
      id: randomUuid(this.rng),
      subject: event.subject,
      time: isoMs(this.now()),
      type: event.type,
      zendesk_event_version: event.zendeskEventVersion,
    });
    // The receiver checks the timestamp against its own clock: the time of sending, not the
    // sandbox's (possibly advanced) clock.
    const timestamp = isoSeconds(Date.now());
    const invocationId = String(this.nextInvocation++);
    const record: WebhookDelivery = {
      webhookId: row.id,
      invocationId,
      type: event.type,
      endpoint: row.endpoint,
      body,
      status: null,
      error: null,
    };
    this.sent.push(record);
    const request = new Request(row.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zendesk-account-id': String(this.accountId),
        'x-zendesk-webhook-id': row.id,
        'x-zendesk-webhook-invocation-id': invocationId,
        'x-zendesk-webhook-signature': createHmac('sha256', row.secret)
          .update(`${timestamp}${body}`)
          .digest('base64'),
        'x-zendesk-webhook-signature-timestamp': timestamp,
      },
      body,
    });
    const sending = this.transport(request)
      .then(async (response) => {
        record.status = response.status;
        await response.arrayBuffer();
      })
      .catch((error: unknown) => {
        record.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  private newSecret(): string {
    const bytes = Buffer.alloc(32);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(this.rng() * 256);
    return bytes.toString('base64');
  }
}
