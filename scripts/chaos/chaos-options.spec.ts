import { parseChaosOptions } from './chaos-options';

describe(parseChaosOptions.name, () => {
  it('takes the defaults and overrides given flags', () => {
    expect(parseChaosOptions(['--runs', '2', '--rate', '150'])).toEqual({
      runs: 2,
      durationS: 120,
      rate: 150,
      outageS: 30,
      settleS: 300,
    });
  });

  it('refuses unknown flags, bad numbers and an outage as long as the run', () => {
    expect(() => parseChaosOptions(['--speed', '2'])).toThrow('unknown flag --speed');
    expect(() => parseChaosOptions(['--runs', 'x'])).toThrow('--runs needs a positive number');
    expect(() => parseChaosOptions(['--duration', '20', '--outage', '30'])).toThrow(
      '--outage must be shorter',
    );
  });
});
