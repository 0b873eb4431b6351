// Writes deploy/monitoring/prometheus-rule.yaml, the Prometheus Operator resource, from the plain
// rule file deploy/monitoring/syncline.rules.yaml (the one source of the alert rules). With
// --check, writes nothing and fails when the committed resource is not what it would write.
//   npm run -s monitoring:render [-- --check]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parse, stringify } from 'yaml';

const MONITORING_DIR = path.resolve(__dirname, '..', '..', 'deploy', 'monitoring');
export const RULES_FILE = path.join(MONITORING_DIR, 'syncline.rules.yaml');
export const PROMETHEUS_RULE_FILE = path.join(MONITORING_DIR, 'prometheus-rule.yaml');

const HEADER = `# Generated from syncline.rules.yaml by \`npm run -s monitoring:render\`: edit that file, then run it.
# The same rule groups, as a Prometheus Operator resource (deploy/monitoring/kustomization.yaml).
`;

/** The PrometheusRule resource for the rule file's text, formatted as the repository formats YAML. */
export async function renderPrometheusRule(rulesText: string): Promise<string> {
  const { groups } = parse(rulesText) as { groups: unknown[] };
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new Error(`${RULES_FILE} has no rule groups`);
  }
  const resource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'syncline-alerts', labels: { 'app.kubernetes.io/name': 'syncline' } },
    spec: { groups },
  };
  const options = (await resolveConfig(PROMETHEUS_RULE_FILE)) ?? {};
  return format(HEADER + stringify(resource, { lineWidth: 0 }), { ...options, parser: 'yaml' });
}

async function main(): Promise<void> {
  const rendered = await renderPrometheusRule(readFileSync(RULES_FILE, 'utf8'));
  if (process.argv.includes('--check')) {
    if (readFileSync(PROMETHEUS_RULE_FILE, 'utf8') !== rendered) {
      console.error(`${PROMETHEUS_RULE_FILE} is out of date: npm run -s monitoring:render`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(PROMETHEUS_RULE_FILE, rendered);
  console.log(`monitoring:render: wrote ${path.relative(process.cwd(), PROMETHEUS_RULE_FILE)}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
