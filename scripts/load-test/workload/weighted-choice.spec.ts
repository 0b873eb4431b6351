import { weightedChoice } from './weighted-choice';

describe(weightedChoice.name, () => {
  it('splits [0, 1) by the weights', () => {
    const weights = { insert: 40, update: 50, delete: 10 };
    expect(weightedChoice(weights, () => 0)).toBe('insert');
    expect(weightedChoice(weights, () => 0.39)).toBe('insert');
    expect(weightedChoice(weights, () => 0.4)).toBe('update');
    expect(weightedChoice(weights, () => 0.89)).toBe('update');
    expect(weightedChoice(weights, () => 0.9)).toBe('delete');
    expect(weightedChoice(weights, () => 0.999999)).toBe('delete');
  });

  it('never picks a zero weight', () => {
    const weights = { get: 1, batch: 0, write: 0 };
    for (const r of [0, 0.5, 0.9999999]) expect(weightedChoice(weights, () => r)).toBe('get');
  });

  it('matches the weights over many draws', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 100_000; i++) counts[weightedChoice({ a: 3, b: 1 }, random)]++;
    expect(counts.a / 100_000).toBeCloseTo(0.75, 1);
  });
});
