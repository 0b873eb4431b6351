import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEPLOY_DIR } from './deploy-paths.constant';

export const MONITORING_DIR = path.join(DEPLOY_DIR, 'monitoring');
export const RULES_FILE = path.join(MONITORING_DIR, 'syncline.rules.yaml');
export const PROMETHEUS_RULE_FILE = path.join(MONITORING_DIR, 'prometheus-rule.yaml');
export const RULE_TESTS_DIR = path.join(MONITORING_DIR, 'tests');
export const DASHBOARD_FILE = path.join(MONITORING_DIR, 'syncline-dashboard.json');

export interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

export function readRuleGroups(file = RULES_FILE): RuleGroup[] {
  return (parse(readFileSync(file, 'utf8')) as { groups: RuleGroup[] }).groups;
}

export function alertRules(groups = readRuleGroups()): AlertRule[] {
  return groups.flatMap((group) => group.rules).filter((rule) => rule.alert !== undefined);
}

/** The promtool unit test files (deploy/monitoring/tests/*.test.yaml), as names. */
export function ruleTestFiles(): string[] {
  return readdirSync(RULE_TESTS_DIR)
    .filter((file) => file.endsWith('.test.yaml'))
    .sort();
}

interface PromtoolTestFile {
  tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
}

/** Per alert name, whether some promtool case expects it firing and some expects it silent. */
export function alertTestCoverage(): Map<string, { firing: boolean; silent: boolean }> {
  const coverage = new Map<string, { firing: boolean; silent: boolean }>();
  for (const file of ruleTestFiles()) {
    const spec = parse(readFileSync(path.join(RULE_TESTS_DIR, file), 'utf8')) as PromtoolTestFile;
    for (const check of spec.tests.flatMap((test) => test.alert_rule_test ?? [])) {
      const entry = coverage.get(check.alertname) ?? { firing: false, silent: false };
      if ((check.exp_alerts ?? []).length > 0) entry.firing = true;
      else entry.silent = true;
      coverage.set(check.alertname, entry);
    }
  }
  return coverage;
}

/** Every PromQL expression of the Grafana dashboard. */
export function dashboardExpressions(file = DASHBOARD_FILE): string[] {
  const dashboard = JSON.parse(readFileSync(file, 'utf8')) as {
    panels: { targets?: { expr: string }[] }[];
  };
  return dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
}

/**
 * The metric names a PromQL expression reads: Syncline's (syncline_*) and kube-state-metrics'
 * (kube_*). Quoted strings (label values such as job="syncline_reconciler") are not names.
 */
export function metricNamesIn(expr: string): string[] {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return [...new Set(unquoted.match(/\b(?:syncline|kube)_[a-zA-Z0-9_:]+/g) ?? [])];
}
