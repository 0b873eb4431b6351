import { getConfig, Secret } from '@syncline/config';
import { CredentialCipher } from '@syncline/control-plane';
import {
  DigestComposer,
  DigestPayload,
  EmailSender,
  NotificationChannelRepository,
  NotificationDispatcher,
  NotificationEvent,
  NotificationEventRecorder,
  NotificationOutboxRepository,
  NotificationsMetrics,
  SIGNATURE_HEADERS,
  verifyWebhookSignature,
  WebhookSender,
} from '@syncline/notifications';
import { MetricsRegistry } from '@syncline/observability';
import { buildDataSourceOptions } from '@syncline/persistence';
import { RetryPolicy } from '@syncline/resilience';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';
import { WebhookReceiver } from '../support/webhook-receiver';

// The notifier on the real control-plane schema: digests per channel and window, two replicas
// that never send one digest twice, a receiver that is down, a sender that died mid-send, a real
// SMTP server. Events are recorded here as the delivery-worker records them; the Kafka path that
// produces them is tenant-notifications.int-spec.ts.
const t = testClients('notify');
const tenant = t.tenant('acme');
const replicas: DataSource[] = [];
const receivers: WebhookReceiver[] = [];
let channels: NotificationChannelRepository;
let recorder: NotificationEventRecorder;
let outbox: NotificationOutboxRepository;
let smtp: SMTPServer | undefined;

const event = (patch: Partial<NotificationEvent> = {}): NotificationEvent => ({
  tenant,
  kind: 'dead_letter',
  destinationId: '00000000-0000-4000-8000-00000000000a',
  destinationName: 'HubSpot',
  reason: 'VALIDATION_ERROR',
  count: 1,
  samples: [{ entity: 'contact', recordId: randomUUID(), version: 1, message: 'bad email' }],
  hint: 'After fixing the cause, replay: curl ...',
  ...patch,
});

function dispatcher(
  dataSource: DataSource,
  options: { digestWindowMs: number; sendTimeoutMs?: number; smtpUrl?: string },
): NotificationDispatcher {
  const cipher = new CredentialCipher(getConfig().delivery.credentialsKey);
  const timeout = options.sendTimeoutMs ?? 2000;
  return new NotificationDispatcher(
    new DigestComposer(dataSource),
    new NotificationOutboxRepository(dataSource),
    new NotificationChannelRepository(dataSource, cipher),
    new WebhookSender(timeout),
    new EmailSender(new Secret(options.smtpUrl ?? ''), 'syncline@test.example', timeout),
    new NotificationsMetrics(new MetricsRegistry('notify-test')),
    {
      digestWindowMs: options.digestWindowMs,
      pollMs: 50,
      sendTimeoutMs: timeout,
      retry: new RetryPolicy({ initialDelayMs: 20, maxDelayMs: 100 }),
    },
  );
}

async function webhookChannel(receiver: WebhookReceiver): Promise<{ id: string; secret: string }> {
  const created = await channels.create(tenant, {
    name: `hook-${receivers.length}`,
    kind: 'webhook',
    url: receiver.url,
  });
  return { id: created.id, secret: created.secret as string };
}

async function startReceiver(): Promise<WebhookReceiver> {
  const receiver = await WebhookReceiver.start();
  receivers.push(receiver);
  return receiver;
}

/** Only this channel gets events: the others are disabled while a test runs. */
async function only(channelId: string): Promise<void> {
  await t.pool.query(
    `UPDATE syncline.notification_channels SET enabled = (id = $2) WHERE tenant_id = $1`,
    [tenant, channelId],
  );
}

async function notificationsOf(channelId: string) {
  const { rows } = await t.pool.query<{ status: string; attempts: number; last_error: string }>(
    `SELECT status, attempts, last_error FROM syncline.notifications WHERE channel_id = $1 ORDER BY created_at`,
    [channelId],
  );
  return rows;
}

async function pendingEvents(channelId: string): Promise<number> {
  const { rows } = await t.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM syncline.notification_events WHERE channel_id = $1 AND notification_id IS NULL`,
    [channelId],
  );
  return Number(rows[0].n);
}

const digestOf = (body: string) => JSON.parse(body) as DigestPayload;

/** A raw message as a reader sees it: folded headers unfolded, quoted-printable decoded. */
const readable = (raw: string) =>
  raw
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\r\n[ \t]+/g, ' ');

beforeAll(async () => {
  for (let i = 0; i < 2; i++)
    replicas.push(await new DataSource(buildDataSourceOptions()).initialize());
  const cipher = new CredentialCipher(getConfig().delivery.credentialsKey);
  channels = new NotificationChannelRepository(replicas[0], cipher);
  recorder = new NotificationEventRecorder(
    replicas[0],
    new NotificationsMetrics(new MetricsRegistry('notify-recorder')),
  );
  outbox = new NotificationOutboxRepository(replicas[0]);
  await t.pool.query(`INSERT INTO syncline.tenants (id, name) VALUES ($1, $1)`, [tenant]);
});

afterAll(async () => {
  await t.pool.query(`DELETE FROM syncline.tenants WHERE id = $1`, [tenant]);
  for (const receiver of receivers) await receiver.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  for (const dataSource of replicas) await dataSource.destroy();
  await t.close();
});

describe('digests', () => {
  it('two replicas send one signed digest for a storm of 1,000 events, never the same twice', async () => {
    const receiver = await startReceiver();
    const channel = await webhookChannel(receiver);
    await only(channel.id);
    // 1,000 dead letters as the delivery-worker records them: batch by batch.
    for (let batch = 0; batch < 40; batch++) await recorder.record([event({ count: 25 })]);
    const [a, b] = replicas.map((dataSource) => dispatcher(dataSource, { digestWindowMs: 60_000 }));
    await expectEventually(async () => {
      await Promise.all([a.tick(), b.tick()]);
      expect((await notificationsOf(channel.id)).map((n) => n.status)).toEqual(['sent']);
    });
    await Promise.all([a.tick(), b.tick()]);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(
      verifyWebhookSignature(
        channel.secret,
        {
          signature: request.headers[SIGNATURE_HEADERS.signature] as string,
          timestamp: request.headers[SIGNATURE_HEADERS.timestamp] as string,
        },
        request.body,
      ),
    ).toBe(true);
    const digest = digestOf(request.body);
    expect(digest.summary).toEqual({
      events: 1000,
      byKind: { dead_letter: 1000 },
      omittedItems: 0,
    });
    expect(digest.items).toEqual([
      expect.objectContaining({
        reason: 'VALIDATION_ERROR',
        count: 1000,
        hint: expect.any(String),
      }),
    ]);
    expect(digest.items[0].samples).toHaveLength(5);
    expect(request.headers[SIGNATURE_HEADERS.notificationId]).toBe(digest.id);
    expect(await pendingEvents(channel.id)).toBe(0);
  });

  it('sends at most one digest per window: what comes after waits and is not lost', async () => {
    const receiver = await startReceiver();
    const channel = await webhookChannel(receiver);
    await only(channel.id);
    const notifier = dispatcher(replicas[0], { digestWindowMs: 1500 });
    await recorder.record([event({ count: 2 })]);
    await expectEventually(async () => {
      await notifier.tick();
      expect(receiver.requests).toHaveLength(1);
    });
    await recorder.record([
      event({ count: 3 }),
      event({ kind: 'destination_held', reason: 'circuit' }),
    ]);
    await notifier.tick();
    expect(receiver.requests).toHaveLength(1); // inside the window: held back
    expect(await pendingEvents(channel.id)).toBe(2);
    await expectEventually(
      async () => {
        await notifier.tick();
        expect(receiver.requests).toHaveLength(2);
      },
      { timeoutMs: 10_000 },
    );
    const second = digestOf(receiver.requests[1].body);
    expect(second.summary.byKind).toEqual({ dead_letter: 3, destination_held: 1 });
    const { rows } = await t.pool.query<{ gap_ms: number }>(
      `SELECT extract(epoch FROM max(created_at) - min(created_at)) * 1000 AS gap_ms
         FROM syncline.notifications WHERE channel_id = $1`,
      [channel.id],
    );
    expect(Number(rows[0].gap_ms)).toBeGreaterThanOrEqual(1500);
  });

  it('lists what was sent, newest first, a page at a time', async () => {
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await outbox.list(tenant, { limit: 1, cursor });
      pages.push(...page.items);
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(pages).toHaveLength(3);
    expect(new Set(pages.map((n) => n.id)).size).toBe(3);
    const created = pages.map((n) => Date.parse(n.createdAt));
    expect([...created].sort((x, y) => y - x)).toEqual(created);
    expect(pages.every((n) => n.status === 'sent' && n.sentAt !== null)).toBe(true);
    expect(pages.at(-1)?.payload.summary.events).toBe(1000);
  });
});

describe('failures', () => {
  it('retries a receiver that is down; events of the meantime join the next digest, none lost', async () => {
    const receiver = await startReceiver();
    const channel = await webhookChannel(receiver);
    await only(channel.id);
    await receiver.close(); // down: connection refused
    const notifier = dispatcher(replicas[0], { digestWindowMs: 100 });
    await recorder.record([event({ count: 3 })]);
    await expectEventually(async () => {
      await notifier.tick();
      const [notification] = await notificationsOf(channel.id);
      expect(notification).toMatchObject({ status: 'pending' });
      expect(notification.attempts).toBeGreaterThanOrEqual(2);
      expect(notification.last_error).toContain('unreachable');
    });
    await recorder.record([event({ count: 4 })]);
    await notifier.tick();
    expect(await notificationsOf(channel.id)).toHaveLength(1); // no second digest while one waits
    expect(await pendingEvents(channel.id)).toBe(1);

    await receiver.listen(); // back, same port
    await expectEventually(async () => {
      await notifier.tick();
      expect(receiver.requests).toHaveLength(2);
    });
    expect(receiver.requests.map((r) => digestOf(r.body).summary.events)).toEqual([3, 4]);
    expect((await notificationsOf(channel.id)).map((n) => n.status)).toEqual(['sent', 'sent']);
  });

  it('sends again what a replica claimed and never settled (it died mid-send), once its lease ran out', async () => {
    const receiver = await startReceiver();
    const channel = await webhookChannel(receiver);
    await only(channel.id);
    await recorder.record([event()]);
    // The dead replica: composed and claimed, then nothing.
    await new DigestComposer(replicas[1]).composeDue(100);
    expect(await new NotificationOutboxRepository(replicas[1]).claimDue(1000, 10)).toHaveLength(1);
    const survivor = dispatcher(replicas[0], { digestWindowMs: 100 });
    await survivor.tick();
    expect(receiver.requests).toHaveLength(0); // still leased to the dead one
    await expectEventually(async () => {
      await survivor.tick();
      expect(receiver.requests).toHaveLength(1);
    });
    expect(await notificationsOf(channel.id)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 2 }),
    ]);
  });

  it('records a digest the receiver refuses (4xx) as failed, without retrying it', async () => {
    const receiver = await startReceiver();
    receiver.status = 410;
    const channel = await webhookChannel(receiver);
    await only(channel.id);
    await recorder.record([event()]);
    const notifier = dispatcher(replicas[0], { digestWindowMs: 100 });
    await expectEventually(async () => {
      await notifier.tick();
      expect(await notificationsOf(channel.id)).toEqual([
        expect.objectContaining({
          status: 'failed',
          attempts: 1,
          last_error: expect.stringContaining('410'),
        }),
      ]);
    });
    await notifier.tick();
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('a secret that does not open', () => {
  it("records that channel's digest as failed and still sends the others of the round", async () => {
    const [broken, healthy] = [await startReceiver(), await startReceiver()];
    const [a, b] = [await webhookChannel(broken), await webhookChannel(healthy)];
    await only(a.id);
    await t.pool.query(`UPDATE syncline.notification_channels SET enabled = true WHERE id = $1`, [
      b.id,
    ]);
    // A ciphertext copied from another channel is bound to that one: it does not open here.
    await t.pool.query(
      `UPDATE syncline.notification_channels
          SET secret_encrypted = (SELECT secret_encrypted FROM syncline.notification_channels WHERE id = $2)
        WHERE id = $1`,
      [a.id, b.id],
    );
    await recorder.record([event()]);
    const notifier = dispatcher(replicas[0], { digestWindowMs: 100 });
    await expectEventually(async () => {
      await notifier.tick();
      expect(healthy.requests).toHaveLength(1);
      expect(await notificationsOf(a.id)).toEqual([
        expect.objectContaining({
          status: 'failed',
          last_error: expect.stringContaining('cannot sign'),
        }),
      ]);
    });
    expect(broken.requests).toHaveLength(0);
  });
});

describe('email', () => {
  const mails: { from: string; to: string[]; data: string }[] = [];
  let port = 0;
  const smtpUrl = (password = 's3cret/pass') =>
    `smtp://notifier:${encodeURIComponent(password)}@127.0.0.1:${port}`;

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) =>
        auth.username === 'notifier' && auth.password === 's3cret/pass'
          ? callback(null, { user: auth.username })
          : callback(new Error('invalid credentials')),
      // A mailbox that does not exist: a permanent refusal.
      onRcptTo: (address, _session, callback) =>
        address.address.endsWith('@gone.example')
          ? callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }))
          : callback(),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: readable(Buffer.concat(chunks).toString()),
          });
          callback();
        });
      },
      logger: false,
    });
    await new Promise<void>((resolve) => smtp?.listen(0, '127.0.0.1', () => resolve()));
    port = (smtp.server.address() as AddressInfo).port;
  });

  it('mails a digest through a real SMTP server, authenticating with the URL credentials', async () => {
    const channel = await channels.create(tenant, {
      name: 'ops mail',
      kind: 'email',
      recipients: ['ops@acme.example', 'oncall@acme.example'],
    });
    await only(channel.id);
    await recorder.record([event({ count: 7 })]);
    const notifier = dispatcher(replicas[0], { digestWindowMs: 100, smtpUrl: smtpUrl() });
    await expectEventually(async () => {
      await notifier.tick();
      expect(mails).toHaveLength(1);
    });
    expect(mails[0].from).toBe('syncline@test.example');
    expect(mails[0].to).toEqual(['ops@acme.example', 'oncall@acme.example']);
    expect(mails[0].data).toContain(`Subject: [Syncline] ${tenant}: 7 records dead-lettered`);
    expect(mails[0].data).toContain('7 x VALIDATION_ERROR, destination HubSpot');
    expect(mails[0].data).toContain('After fixing the cause, replay: curl ...');
    expect(await notificationsOf(channel.id)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 1 }),
    ]);
  });

  async function emailChannel(recipients: string[]): Promise<string> {
    const channel = await channels.create(tenant, { name: 'mail', kind: 'email', recipients });
    await only(channel.id);
    await recorder.record([event()]);
    return channel.id;
  }

  it('records a digest whose recipient the server refuses for good (550) as failed', async () => {
    const id = await emailChannel(['nobody@gone.example']);
    const notifier = dispatcher(replicas[0], { digestWindowMs: 100, smtpUrl: smtpUrl() });
    await expectEventually(async () => {
      await notifier.tick();
      expect(await notificationsOf(id)).toEqual([
        expect.objectContaining({
          status: 'failed',
          attempts: 1,
          last_error: expect.stringContaining('550'),
        }),
      ]);
    });
  });

  it('keeps retrying while the SMTP server refuses our login (the operator fixes it; nothing lost)', async () => {
    const id = await emailChannel(['ops@acme.example']);
    const before = mails.length;
    const misconfigured = dispatcher(replicas[0], {
      digestWindowMs: 100,
      smtpUrl: smtpUrl('wrong'),
    });
    await expectEventually(async () => {
      await misconfigured.tick();
      const [notification] = await notificationsOf(id);
      expect(notification).toMatchObject({ status: 'pending' });
      expect(notification.attempts).toBeGreaterThanOrEqual(2);
    });
    const fixed = dispatcher(replicas[0], { digestWindowMs: 100, smtpUrl: smtpUrl() });
    await expectEventually(async () => {
      await fixed.tick();
      expect(await notificationsOf(id)).toEqual([expect.objectContaining({ status: 'sent' })]);
    });
    expect(mails.length).toBe(before + 1);
  });

  it('records a digest as failed when this worker has no SMTP server configured', async () => {
    const id = await emailChannel(['ops@acme.example']);
    const notifier = dispatcher(replicas[0], { digestWindowMs: 100 });
    await expectEventually(async () => {
      await notifier.tick();
      expect(await notificationsOf(id)).toEqual([
        expect.objectContaining({
          status: 'failed',
          last_error: expect.stringContaining('SYNCLINE_SMTP_URL'),
        }),
      ]);
    });
  });
});
