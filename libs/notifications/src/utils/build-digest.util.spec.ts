import { StoredNotificationEvent } from '../types/stored-notification-event.type';
import { buildDigest } from './build-digest.util';
import { renderDigestEmail } from './render-digest-email.util';

const channel = { id: 'c1', name: 'ops', tenant: 'acme' };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const event = (patch: Partial<StoredNotificationEvent>): StoredNotificationEvent => ({
  tenant: 'acme',
  kind: 'dead_letter',
  destinationId: 'd1',
  destinationName: 'HubSpot',
  reason: 'VALIDATION_ERROR',
  count: 1,
  samples: [],
  firstAt: at(0),
  lastAt: at(1),
  ...patch,
});

describe(buildDigest.name, () => {
  it('sums counts per kind and lists groups largest first, with samples and hints', () => {
    const digest = buildDigest(
      'n1',
      channel,
      [
        event({ count: 3, samples: [{ entity: 'contact', recordId: '7', message: 'bad email' }] }),
        event({ kind: 'credentials_rejected', reason: '401', count: 1 }),
        event({ reason: 'INVALID_DATE', count: 997, hint: 'replay' }),
      ],
      at(5),
    );
    expect(digest.summary).toEqual({
      events: 1001,
      byKind: { dead_letter: 1000, credentials_rejected: 1 },
      omittedItems: 0,
    });
    expect(digest.items.map((i) => [i.reason, i.count])).toEqual([
      ['INVALID_DATE', 997],
      ['VALIDATION_ERROR', 3],
      ['401', 1],
    ]);
    expect(digest.items[0].hint).toBe('replay');
    expect(digest.items[1].samples).toEqual([
      { entity: 'contact', recordId: '7', message: 'bad email' },
    ]);
    expect(digest).toMatchObject({ id: 'n1', tenant: 'acme', createdAt: at(5).toISOString() });
  });

  it('lists at most 50 groups and says how many it left out, still counting them', () => {
    const events = Array.from({ length: 60 }, (_, i) => event({ reason: `R${i}`, count: 2 }));
    const digest = buildDigest('n2', channel, events, at(9));
    expect(digest.items).toHaveLength(50);
    expect(digest.summary).toMatchObject({ events: 120, omittedItems: 10 });
  });

  it('renders as an email naming the counts, each group, its samples and its hint', () => {
    const digest = buildDigest(
      'n3',
      channel,
      [
        event({
          count: 2,
          hint: 'After fixing the cause, replay: curl ...',
          samples: [{ message: 'x' }],
        }),
      ],
      at(3),
    );
    const email = renderDigestEmail(digest);
    expect(email.subject).toBe('[Syncline] acme: 2 records dead-lettered');
    expect(email.text).toContain('2 x VALIDATION_ERROR, destination HubSpot (d1)');
    expect(email.text).toContain('After fixing the cause, replay: curl ...');
    expect(email.text).toContain('    - x');
  });
});
