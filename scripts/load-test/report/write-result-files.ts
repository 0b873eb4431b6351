import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadTestResult } from './load-test-result.type';
import { loadChartJs, renderHtmlReport } from './render-html-report';

/** Writes `<dir>/load-test-<timestamp>.json` (and the same-named `.html`); returns the paths. */
export function writeResultFiles(
  result: LoadTestResult,
  dir: string,
  html: boolean,
): { json: string; html?: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const json = join(dir, `load-test-${stamp}.json`);
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  if (!html) return { json };
  const htmlPath = join(dir, `load-test-${stamp}.html`);
  writeFileSync(htmlPath, renderHtmlReport(result, loadChartJs()));
  return { json, html: htmlPath };
}
