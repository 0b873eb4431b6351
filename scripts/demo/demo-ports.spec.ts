import { demoPorts, stackPortBase } from './demo-ports';

describe(demoPorts.name, () => {
  it('keeps every app port inside the stack block and clear of the stack services', () => {
    const ports = demoPorts(33400);
    const all = [
      ports.cacheApi,
      ports.hubspotSim,
      ports.salesforceSim,
      ...ports.syncWorkerOps,
      ports.deliveryWorkerOps,
    ];
    expect(new Set(all).size).toBe(all.length);
    for (const port of all) {
      expect(port).toBeGreaterThanOrEqual(33400);
      expect(port).toBeLessThan(33500);
      // Postgres, Redis, Connect, Kafka, its controller; Prometheus, Alertmanager, the alert webhook.
      expect([33432, 33479, 33483, 33492, 33493, 33490, 33491, 33494]).not.toContain(port);
    }
  });
});

describe(stackPortBase.name, () => {
  it('prefers SYNCLINE_PORT_BASE', () => {
    expect(stackPortBase({ SYNCLINE_PORT_BASE: '33400', SYNCLINE_PG_PORT: '25432' })).toBe(33400);
  });

  it('derives the base from the Postgres port the stack exported', () => {
    expect(stackPortBase({ SYNCLINE_PG_PORT: '27432' })).toBe(27400);
  });

  it('falls back to the default stack', () => {
    expect(stackPortBase({})).toBe(25400);
  });
});
