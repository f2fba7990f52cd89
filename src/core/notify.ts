import type { Kysely } from 'kysely';
import type { CoreTables } from './schema.ts';

/**
 * Text messages to citizens and staff. Production talks to the province's SMS gateway over the
 * HTTP contract in docs/adapters.md; development keeps every message in a mailbox table that the
 * dev mailbox page shows, and says so.
 */
export interface SmsMessage {
  /** Mainland mobile number, 11 digits. */
  to: string;
  text: string;
  /** What the message is for (login-code, case-progress …); gateways bill and throttle by it. */
  purpose: string;
}

export interface SmsGateway {
  readonly kind: 'http' | 'dev-mailbox';
  send(message: SmsMessage): Promise<{ messageId: string }>;
}

export class GatewayError extends Error {
  constructor(
    readonly gateway: string,
    readonly status: number | null,
    detail: string,
  ) {
    super(`${gateway} failed${status === null ? '' : ` with HTTP ${status}`}: ${detail}`);
  }
}

/**
 * POST {url} with `Authorization: Bearer {token}` and JSON `{ to, text, purpose }`; the gateway
 * answers 200 with `{ messageId }`. Any other answer, or none within the timeout, is an error.
 */
export class HttpSmsGateway implements SmsGateway {
  readonly kind = 'http' as const;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 5000,
  ) {}

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ to: message.to, text: message.text, purpose: message.purpose }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new GatewayError('SMS gateway', null, (e as Error).message);
    }
    const body = (await res.json().catch(() => null)) as { messageId?: unknown } | null;
    if (res.status !== 200 || typeof body?.messageId !== 'string') {
      throw new GatewayError('SMS gateway', res.status, 'expected 200 with { messageId }');
    }
    return { messageId: body.messageId };
  }
}

export interface MailboxEntry {
  id: number;
  channel: string;
  recipient: string;
  text: string;
  purpose: string;
  createdAt: string;
}

/** Development only: nothing is sent; every message waits in core.dev_message for the dev mailbox page. */
export class DevMailbox implements SmsGateway {
  readonly kind = 'dev-mailbox' as const;

  constructor(private readonly db: Kysely<unknown>) {}

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const row = await (this.db as Kysely<CoreTables>)
      .insertInto('core.dev_message')
      .values({ channel: 'sms', recipient: message.to, text: message.text, purpose: message.purpose })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { messageId: `dev-${row.id}` };
  }

  async list(limit = 50): Promise<MailboxEntry[]> {
    const rows = await (this.db as Kysely<CoreTables>).selectFrom('core.dev_message').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: Number(r.id), channel: r.channel, recipient: r.recipient, text: r.text, purpose: r.purpose, createdAt: new Date(r.created_at).toISOString() }));
  }
}
