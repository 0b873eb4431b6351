import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parseChaosOptions } from './chaos-options';
import { runChaos, type ChaosRunResult } from './chaos-run';

// Run compiled (dist/scripts/chaos) by scripts/chaos/run.
const compiled = __dirname.split(sep).includes('dist');
const repo = join(__dirname, compiled ? '../../..' : '../..');

function summaryRow(result: ChaosRunResult): string {
  const verdict =
    result.convergedAfterS !== undefined && result.unexpectedExits.length === 0 ? 'PASS' : 'FAIL';
  const disagreements =
    Object.entries(result.disagreements)
      .map(([kind, count]) => `${kind}=${count}`)
      .join(' ') || '-';
  const exits =
    result.unexpectedExits.map((exit) => `${exit.label}(${exit.code})`).join(' ') || '-';
  return [
    `run ${result.run}`.padEnd(7),
    verdict.padEnd(5),
    `${result.committed} changes`.padEnd(16),
    `${result.records} records`.padEnd(15),
    `agreed ${result.convergedAfterS === undefined ? 'never' : `+${result.convergedAfterS}s`}`.padEnd(
      14,
    ),
    `cache repaired ${result.cacheRepaired ?? '?'}`.padEnd(20),
    `unexpected exits ${exits}`.padEnd(24),
    `disagreements ${disagreements}`,
  ].join(' ');
}

async function main(): Promise<void> {
  const options = parseChaosOptions(process.argv.slice(2));
  const results: ChaosRunResult[] = [];
  for (let run = 1; run <= options.runs; run++) {
    const result = await runChaos(run, options, repo);
    results.push(result);
    console.log(summaryRow(result));
  }
  const folder = join(repo, 'bench-results/chaos');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ options, results }, null, 2));
  console.log(`\n${results.map(summaryRow).join('\n')}\n\nresults: ${file}`);
  const failed = results.filter(
    (r) => r.convergedAfterS === undefined || r.unexpectedExits.length > 0,
  );
  if (failed.length > 0) {
    console.error(`[chaos] ${failed.length} of ${results.length} runs failed`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error('[chaos] failed:', error);
  process.exit(1);
});
