/** An expected outcome of a demo step did not happen: the demo stops and exits non-zero. */
export class DemoFailure extends Error {
  override readonly name = 'DemoFailure';
}

/** Throws a `DemoFailure` saying what was expected when `condition` is false. */
export function expectThat(condition: boolean, expected: string): asserts condition {
  if (!condition) throw new DemoFailure(`expected ${expected}`);
}
