import { SimAdminException } from '../exceptions/sim-admin.exception';
import type { RecordErrorRule } from '../types/record-error-rule.type';
import type { SimFaultsInput } from '../types/sim-faults-input.type';

const NUMBER_KEYS = [
  'errorRate',
  'errorStatus',
  'latencyMs',
  'latencyJitterMs',
  'outageMs',
  'throttleMs',
  'throttleRetryAfterSeconds',
] as const;

/** Validates the body of `POST /__sim/faults`, naming the first bad field. */
export function parseFaultsInput(body: unknown): SimFaultsInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SimAdminException('faults body must be a JSON object');
  }
  const input = body as Record<string, unknown>;
  const known = new Set<string>([...NUMBER_KEYS, 'outageMode', 'recordErrors', 'pathPattern']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new SimAdminException(`unknown fault '${key}'`);
  }
  for (const key of NUMBER_KEYS) {
    const value = input[key];
    if (
      value !== undefined &&
      (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    ) {
      throw new SimAdminException(`${key} must be a non-negative number`);
    }
  }
  const rate = input.errorRate as number | undefined;
  if (rate !== undefined && rate > 1) throw new SimAdminException('errorRate must be within 0..1');
  const status = input.errorStatus as number | undefined;
  if (status !== undefined && (status < 500 || status > 599)) {
    throw new SimAdminException('errorStatus must be a 5xx status');
  }
  if (
    input.outageMode !== undefined &&
    input.outageMode !== 'unavailable' &&
    input.outageMode !== 'reset'
  ) {
    throw new SimAdminException("outageMode must be 'unavailable' or 'reset'");
  }
  if (input.pathPattern !== undefined) {
    if (typeof input.pathPattern !== 'string') {
      throw new SimAdminException('pathPattern must be a string');
    }
    compile(input.pathPattern, 'pathPattern');
  }
  if (input.recordErrors !== undefined) {
    if (!Array.isArray(input.recordErrors)) {
      throw new SimAdminException('recordErrors must be an array');
    }
    input.recordErrors.forEach((rule: unknown, i) => parseRule(rule, `recordErrors[${i}]`));
  }
  return input;
}

function parseRule(rule: unknown, at: string): RecordErrorRule {
  if (typeof rule !== 'object' || rule === null)
    throw new SimAdminException(`${at} must be an object`);
  const r = rule as Record<string, unknown>;
  if (typeof r.field !== 'string' || r.field === '') {
    throw new SimAdminException(`${at}.field must be a non-empty string`);
  }
  for (const key of ['objectType', 'equals', 'matches', 'code', 'category', 'message']) {
    if (r[key] !== undefined && typeof r[key] !== 'string') {
      throw new SimAdminException(`${at}.${key} must be a string`);
    }
  }
  if (r.in !== undefined && (!Array.isArray(r.in) || r.in.some((v) => typeof v !== 'string'))) {
    throw new SimAdminException(`${at}.in must be an array of strings`);
  }
  if (r.matches !== undefined) compile(r.matches as string, `${at}.matches`);
  if (r.times !== undefined && (!Number.isInteger(r.times) || (r.times as number) < 1)) {
    throw new SimAdminException(`${at}.times must be a positive integer`);
  }
  const p = r.probability;
  if (p !== undefined && (typeof p !== 'number' || p < 0 || p > 1)) {
    throw new SimAdminException(`${at}.probability must be within 0..1`);
  }
  return r as unknown as RecordErrorRule;
}

function compile(source: string, at: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw new SimAdminException(`${at} is not a valid regular expression`);
  }
}
