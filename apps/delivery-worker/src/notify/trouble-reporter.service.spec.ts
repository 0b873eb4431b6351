import { DeliveryException } from '@syncline/connectors';
import { Destination } from '@syncline/control-plane';
import { NotificationEvent, NotificationEventRecorder } from '@syncline/notifications';
import { TroubleReporter } from './trouble-reporter.service';

const destination: Destination = {
  id: '00000000-0000-4000-8000-000000000009',
  tenant: 'acme',
  name: 'HubSpot',
  kind: 'hubspot',
  baseUrl: 'http://crm.invalid',
  options: {},
  rateLimit: { requestsPerInterval: 100, intervalMs: 1000 },
  mirror: false,
  paused: true,
  version: 1,
};

function harness(heldThresholdMs: number) {
  const recorded: NotificationEvent[] = [];
  const control = { fail: false };
  const recorder = {
    record: async (events: NotificationEvent[]) => {
      if (control.fail) throw new Error('control plane unreachable');
      recorded.push(...events);
    },
  } as unknown as NotificationEventRecorder;
  return {
    recorded,
    control,
    reporter: new TroubleReporter(recorder, { heldThresholdMs, apiUrl: '' }),
  };
}

describe(TroubleReporter.name, () => {
  let now = 1_000_000;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reports a destination held past the threshold once per episode, with a hint to act on', async () => {
    const h = harness(60_000);
    await h.reporter.held(destination, 'paused');
    now += 59_999;
    await h.reporter.held(destination, 'paused');
    expect(h.recorded).toHaveLength(0);
    now += 1;
    await h.reporter.held(destination, 'paused');
    now += 5_000;
    await h.reporter.held(destination, 'paused');
    expect(h.recorded).toEqual([
      expect.objectContaining({
        kind: 'destination_held',
        reason: 'paused',
        count: 1,
        hint: expect.stringContaining(`/destinations/${destination.id}/resume`),
      }),
    ]);
  });

  it('starts over after a batch went through, and ignores a partition moving to another replica', async () => {
    const h = harness(1000);
    await h.reporter.held(destination, 'revoked');
    now += 5000;
    await h.reporter.held(destination, 'circuit');
    expect(h.recorded).toHaveLength(0); // the episode started at the first real hold
    h.reporter.recovered(destination.id);
    await h.reporter.held(destination, 'circuit');
    now += 1000;
    await h.reporter.held(destination, 'circuit');
    expect(h.recorded.map((e) => e.reason)).toEqual(['circuit']);
  });

  it('tries again at the next hold when the event could not be recorded, never throwing', async () => {
    const h = harness(0);
    h.control.fail = true;
    await expect(h.reporter.held(destination, 'transient')).resolves.toBeUndefined();
    h.control.fail = false;
    await h.reporter.held(destination, 'transient');
    expect(h.recorded).toHaveLength(1);
  });

  it('reports credentials refused for good once per episode, and nothing else that fails a batch', async () => {
    const h = harness(60_000);
    await h.reporter.failed(destination, new Error('redis down'));
    await h.reporter.failed(
      destination,
      new DeliveryException('transient', 'down', { status: 503 }),
    );
    await h.reporter.failed(
      destination,
      new DeliveryException('transient', 'first 401', { status: 401 }),
    );
    const refused = new DeliveryException('permanent', 'describe failed (not authorized)', {
      status: 401,
      crmCode: 'INVALID_AUTHENTICATION',
    });
    await h.reporter.failed(destination, refused);
    await h.reporter.failed(destination, refused);
    expect(h.recorded).toEqual([
      expect.objectContaining({
        kind: 'credentials_rejected',
        reason: 'INVALID_AUTHENTICATION',
        hint: expect.stringContaining('"credentials"'),
      }),
    ]);
  });
});
