export interface ChaosOptions {
  runs: number;
  durationS: number;
  rate: number;
  outageS: number;
  settleS: number;
}

const DEFAULTS: ChaosOptions = { runs: 5, durationS: 120, rate: 400, outageS: 30, settleS: 300 };

const FLAGS: Record<string, keyof ChaosOptions> = {
  '--runs': 'runs',
  '--duration': 'durationS',
  '--rate': 'rate',
  '--outage': 'outageS',
  '--settle': 'settleS',
};

/** `--flag value` pairs into options; an unknown flag or a non-positive number is refused. */
export function parseChaosOptions(argv: readonly string[]): ChaosOptions {
  const options = { ...DEFAULTS };
  for (let index = 0; index < argv.length; index += 2) {
    const key = FLAGS[argv[index]];
    if (!key) throw new Error(`unknown flag ${argv[index]} (see npm run chaos -- --help)`);
    const value = Number(argv[index + 1]);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(
        `${argv[index]} needs a positive number, got ${argv[index + 1] ?? 'nothing'}`,
      );
    options[key] = value;
  }
  if (options.outageS >= options.durationS)
    throw new Error('--outage must be shorter than --duration');
  return options;
}
