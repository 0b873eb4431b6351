import { CircuitBreaker } from './circuit-breaker';
import { RetryPolicy } from './retry-policy';

describe(CircuitBreaker.name, () => {
  let now = 0;
  const breaker = () =>
    new CircuitBreaker(
      3,
      new RetryPolicy({ initialDelayMs: 1000, multiplier: 2, jitter: 0 }),
      () => now,
    );

  beforeEach(() => {
    now = 0;
  });

  it('stays closed below the failure threshold and resets on success', () => {
    const circuit = breaker();
    circuit.recordFailure();
    circuit.recordFailure();
    circuit.recordSuccess();
    circuit.recordFailure();
    circuit.recordFailure();
    expect(circuit.current).toBe('closed');
    expect(circuit.waitMs()).toBe(0);
  });

  it('opens at the threshold and refuses calls for the open period', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    expect(circuit.current).toBe('open');
    expect(circuit.waitMs()).toBe(1000);
    now = 600;
    expect(circuit.waitMs()).toBe(400);
  });

  it('lets one probe through after the open period; a failed probe re-opens for longer', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    now = 1000;
    expect(circuit.waitMs()).toBe(0);
    expect(circuit.current).toBe('half_open');
    expect(circuit.waitMs()).toBeGreaterThan(0); // a second caller waits for the probe
    circuit.recordFailure();
    expect(circuit.current).toBe('open');
    expect(circuit.waitMs()).toBe(2000);
  });

  it('closes after a successful probe', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    now = 1000;
    circuit.waitMs();
    circuit.recordSuccess();
    expect(circuit.current).toBe('closed');
    expect(circuit.waitMs()).toBe(0);
  });
});
