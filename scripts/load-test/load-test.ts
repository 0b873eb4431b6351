// The load test's entry: `npm run load-test -- [flags]` (scripts/load-test/run), `--help` for flags.
// Prints the summary, then the JSON result's path as the very last line (read by `npm run bench`).
import { join, sep } from 'node:path';
import { LoadTestOptionsException } from './options/load-test-options.exception';
import { LOAD_TEST_USAGE } from './options/load-test-usage.constant';
import { parseLoadTestOptions } from './options/parse-load-test-options';
import { renderSummaryTable } from './report/render-summary-table';
import { writeResultFiles } from './report/write-result-files';
import { runLoadTest } from './run-load-test';

// Run from sources (ts-node) or compiled (dist/scripts/load-test).
const repo = join(__dirname, __dirname.split(sep).includes('dist') ? '../../..' : '../..');

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseLoadTestOptions(process.argv.slice(2), process.env, repo);
  } catch (error) {
    if (error instanceof LoadTestOptionsException) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    console.log(LOAD_TEST_USAGE);
    return 0;
  }
  const result = await runLoadTest(parsed.options);
  const files = writeResultFiles(result, parsed.options.outDir, parsed.options.html);
  console.log(renderSummaryTable(result));
  if (files.html) console.log(`report: ${files.html}`);
  console.log(files.json);
  return result.stoppedBy === 'error' ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
