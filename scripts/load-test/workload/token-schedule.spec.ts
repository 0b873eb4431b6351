import { TokenSchedule } from './token-schedule';

describe(TokenSchedule.name, () => {
  const schedule = new TokenSchedule(5000, 1_000);

  it('makes rate x elapsed tokens due, minus those issued', () => {
    expect(schedule.due(1_000, 0)).toBe(0);
    expect(schedule.due(1_010, 0)).toBe(50);
    expect(schedule.due(2_000, 0)).toBe(5000);
    expect(schedule.due(2_000, 4990)).toBe(10);
    expect(schedule.due(2_000, 6000)).toBe(0);
  });

  it('waits exactly until the next token', () => {
    expect(schedule.msUntilNext(1_000, 0)).toBeCloseTo(0.2);
    expect(new TokenSchedule(10, 0).msUntilNext(50, 0)).toBe(50);
    expect(new TokenSchedule(10, 0).msUntilNext(500, 10)).toBe(600);
    expect(new TokenSchedule(10, 0).msUntilNext(5000, 1)).toBe(0);
  });

  it('reports how far behind the generator is', () => {
    const slow = new TokenSchedule(100, 0);
    expect(slow.lagMs(1000, 100)).toBe(0);
    expect(slow.lagMs(1000, 50)).toBe(490);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenSchedule(0, 0)).toThrow('rate must be positive');
  });
});
