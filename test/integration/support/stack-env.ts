import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The test stack's connection settings. `npm test` exports them; when jest is run by hand against
 * a stack that is already up, they are read from the stack's `env` file.
 */
export function stackEnv(): Record<string, string> {
  const dir = process.env.SYNCLINE_STACK_DIR ?? join(__dirname, '../../../.stack/test');
  const fromFile = Object.fromEntries(
    readFileSync(join(dir, 'env'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Record<string, string>;
  for (const [key, value] of Object.entries(fromFile)) process.env[key] ??= value;
  return { ...fromFile, ...(process.env as Record<string, string>) };
}
