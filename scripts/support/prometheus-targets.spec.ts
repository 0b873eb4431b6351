import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusTargets } from './prometheus-targets';

describe(PrometheusTargets.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'syncline-targets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a file_sd target group per app and removes it again', () => {
    const targets = PrometheusTargets.fromEnv({ SYNCLINE_PROMETHEUS_TARGETS_DIR: dir });
    targets?.add('demo-delivery-worker', 25463, 'delivery-worker');
    const file = join(dir, 'demo-delivery-worker.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      { targets: ['127.0.0.1:25463'], labels: { job: 'delivery-worker' } },
    ]);
    targets?.remove('demo-delivery-worker');
    expect(existsSync(file)).toBe(false);
  });

  it('is absent when the stack runs no Prometheus', () => {
    expect(PrometheusTargets.fromEnv({})).toBeUndefined();
  });
});
