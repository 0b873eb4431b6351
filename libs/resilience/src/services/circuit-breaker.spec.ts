import { CircuitBreaker } from './circuit-breaker';
import { RetryPolicy } from './retry-policy';

class Outage extends Error {
  readonly retriable = true;
}
class Rejected extends Error {
  readonly retriable = false;
}

describe(CircuitBreaker.name, () => {
  let now = 0;
  const breaker = () =>
    new CircuitBreaker(
      3,
      new RetryPolicy({ initialDelayMs: 1000, multiplier: 2, jitter: 0 }),
      () => now,
    );
  const ok = () => Promise.resolve('ok');
  const fail =
    (error: Error = new Outage('down')) =>
    () =>
      Promise.reject(error);
  /** Fails `times` calls through the breaker. */
  const failTimes = async (circuit: CircuitBreaker, times: number) => {
    for (let i = 0; i < times; i++) await circuit.execute(fail()).catch(() => undefined);
  };
  /** Opens the circuit, then lets its open period pass: the next call is the half-open probe. */
  const halfOpenable = async () => {
    const circuit = breaker();
    await failTimes(circuit, 3);
    now = 1000;
    return circuit;
  };

  beforeEach(() => {
    now = 0;
  });

  it('runs calls while closed and passes their value back', async () => {
    await expect(breaker().execute(ok)).resolves.toEqual({ admitted: true, value: 'ok' });
  });

  it('stays closed below the failure threshold and resets on success', async () => {
    const circuit = breaker();
    await failTimes(circuit, 2);
    await circuit.execute(ok);
    await failTimes(circuit, 2);
    expect(circuit.current).toBe('closed');
    await expect(circuit.execute(ok)).resolves.toMatchObject({ admitted: true });
  });

  it('opens at the threshold and refuses calls for the open period, without running them', async () => {
    const circuit = breaker();
    await failTimes(circuit, 3);
    expect(circuit.current).toBe('open');
    const call = jest.fn(ok);
    await expect(circuit.execute(call)).resolves.toEqual({ admitted: false, waitMs: 1000 });
    now = 600;
    await expect(circuit.execute(call)).resolves.toEqual({ admitted: false, waitMs: 400 });
    expect(call).not.toHaveBeenCalled();
  });

  it('rethrows the call error after counting it', async () => {
    const circuit = breaker();
    await expect(circuit.execute(fail(new Outage('down')))).rejects.toThrow('down');
  });

  it('lets one probe through after the open period; others wait while it runs', async () => {
    const circuit = await halfOpenable();
    let finish!: (value: string) => void;
    const probe = circuit.execute(() => new Promise<string>((resolve) => (finish = resolve)));
    expect(circuit.current).toBe('half_open');
    await expect(circuit.execute(ok)).resolves.toMatchObject({ admitted: false });
    finish('ok');
    await expect(probe).resolves.toEqual({ admitted: true, value: 'ok' });
    expect(circuit.current).toBe('closed');
  });

  it('re-opens for longer when the probe fails', async () => {
    const circuit = await halfOpenable();
    await expect(circuit.execute(fail())).rejects.toThrow();
    expect(circuit.current).toBe('open');
    await expect(circuit.execute(ok)).resolves.toEqual({ admitted: false, waitMs: 2000 });
  });

  describe('always releases the probe', () => {
    it('when the call reports it was not attempted (no rate-limit slot)', async () => {
      const circuit = await halfOpenable();
      await circuit.execute(() => Promise.resolve('no slot'), { result: () => 'neutral' });
      expect(circuit.current).toBe('half_open');
      await expect(circuit.execute(ok)).resolves.toEqual({ admitted: true, value: 'ok' });
      expect(circuit.current).toBe('closed');
    });

    it('when the destination throttles the call (a rate_limited error classified neutral)', async () => {
      const circuit = await halfOpenable();
      const throttled = Object.assign(new Outage('429'), { errorClass: 'rate_limited' });
      await expect(
        circuit.execute(fail(throttled), {
          error: (error) =>
            (error as { errorClass?: string }).errorClass === 'rate_limited'
              ? 'neutral'
              : 'failure',
        }),
      ).rejects.toThrow('429');
      await expect(circuit.execute(ok)).resolves.toMatchObject({ admitted: true });
    });

    it('when the whole call is rejected for good (not retriable)', async () => {
      const circuit = await halfOpenable();
      await expect(circuit.execute(fail(new Rejected('400')))).rejects.toThrow('400');
      await expect(circuit.execute(ok)).resolves.toMatchObject({ admitted: true });
    });

    it('when something other than the destination fails (a Redis blip in the limiter)', async () => {
      const circuit = await halfOpenable();
      await expect(circuit.execute(fail(new Error('ECONNRESET redis')))).rejects.toThrow('redis');
      await expect(circuit.execute(ok)).resolves.toMatchObject({ admitted: true });
    });
  });
});
