import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  alertRules,
  alertTestCoverage,
  DASHBOARD_FILE,
  PROMETHEUS_RULE_FILE,
  readRuleGroups,
  RULE_TESTS_DIR,
  RULES_FILE,
  ruleTestFiles,
} from './support/alert-rules.util';
import { MONITORING, REPO_ROOT } from './support/deploy-paths.constant';
import type { KubeObject } from './support/kube-object.type';
import { promtool } from './support/promtool.util';
import { describeObject, renderKustomization } from './support/render-kustomization.util';
import { validateManifest } from './support/validate-manifest.util';

// The alert rules: valid for Prometheus, each tested firing and silent by promtool, the same groups
// in the plain rule file and the PrometheusRule, each explained in docs/operations.md.
describe('deploy/monitoring alert rules', () => {
  const alerts = alertRules();

  it('are valid Prometheus rules', () => {
    expect(promtool(['check', 'rules', RULES_FILE])).toContain(`SUCCESS: ${alerts.length} rules`);
  });

  it.each(ruleTestFiles())('pass the promtool unit tests of tests/%s', (file) => {
    expect(promtool(['test', 'rules', file], RULE_TESTS_DIR)).toContain('SUCCESS');
  });

  it('are each tested both firing and not firing', () => {
    const coverage = alertTestCoverage();
    const untested = alerts
      .map((rule) => ({ alert: rule.alert as string, ...coverage.get(rule.alert as string) }))
      .filter(({ firing, silent }) => !firing || !silent);
    expect(untested).toEqual([]);
  });

  it('are shipped as a PrometheusRule carrying the same groups (npm run -s monitoring:render)', () => {
    const resource = parse(readFileSync(PROMETHEUS_RULE_FILE, 'utf8')) as {
      kind: string;
      spec: { groups: unknown };
    };
    expect(resource.kind).toBe('PrometheusRule');
    expect(resource.spec.groups).toEqual(readRuleGroups());
  });

  const operations = readFileSync(path.join(REPO_ROOT, 'docs/operations.md'), 'utf8');
  const anchors = new Set(
    [...operations.matchAll(/^#{2,4} (.+)$/gm)].map(([, title]) => githubAnchor(title)),
  );

  it.each(alerts.map((rule) => [rule.alert, rule] as const))(
    '%s has a severity, a summary and description naming the culprit, and a runbook section',
    (_, rule) => {
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      const { summary, description, runbook } = rule.annotations ?? {};
      expect(summary).toMatch(/\{\{ \$labels\.\w+ \}\}/);
      expect(description).toMatch(/\{\{ \$labels\.\w+ \}\}/);
      const [file, anchor] = (runbook ?? '').split('#');
      expect(file).toBe('docs/operations.md');
      expect([...anchors]).toContain(anchor);
    },
  );
});

describe('deploy/monitoring kustomization', () => {
  const objects = renderKustomization(MONITORING);
  const find = (kind: string): KubeObject | undefined => objects.find((o) => o.kind === kind);

  it.each(objects.map((o) => [describeObject(o), o] as const))(
    '%s matches its schema',
    (_, object) => {
      expect(() => validateManifest(object)).not.toThrow();
    },
  );

  it('provisions the dashboard as a ConfigMap the Grafana sidecar picks up', () => {
    const configMap = find('ConfigMap') as KubeObject & { data: Record<string, string> };
    expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(configMap.data[path.basename(DASHBOARD_FILE)]).toBe(
      readFileSync(DASHBOARD_FILE, 'utf8'),
    );
  });

  it('applies the generated PrometheusRule', () => {
    expect(find('PrometheusRule')?.spec).toEqual({
      groups: readRuleGroups(),
    });
  });
});

describe(validateManifest.name, () => {
  it('rejects a PrometheusRule whose rule has no expression', () => {
    const broken = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'x' },
      spec: { groups: [{ name: 'g', rules: [{ alert: 'A', for: '5 minutes' }] }] },
    };
    expect(() => validateManifest(broken as unknown as KubeObject)).toThrow(/expr|for/);
  });
});

/** The anchor GitHub gives a Markdown heading. */
function githubAnchor(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
