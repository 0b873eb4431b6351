import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPidFile, stackProcessTargets } from './stack-process-targets';

describe(stackProcessTargets.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'stack-targets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds the services' pids in the stack's pid files; a missing file is no pid", () => {
    mkdirSync(join(dir, 'postgres'));
    writeFileSync(join(dir, 'kafka.pid'), '1234\n');
    // postmaster.pid: the pid on the first line, then the data folder, start time, port...
    writeFileSync(join(dir, 'postgres/postmaster.pid'), '5678\n/stack/postgres\n1700000000\n');
    const pids = Object.fromEntries(
      stackProcessTargets(dir).map((t) => [t.name, { pid: t.pid(), tree: t.tree }]),
    );
    expect(pids).toEqual({
      kafka: { pid: 1234, tree: false },
      'kafka-connect': { pid: undefined, tree: false },
      postgres: { pid: 5678, tree: true },
      redis: { pid: undefined, tree: false },
    });
  });

  it('reads no pid from an empty or garbled file', () => {
    writeFileSync(join(dir, 'empty.pid'), '');
    writeFileSync(join(dir, 'garbled.pid'), 'not a pid');
    expect(readPidFile(join(dir, 'empty.pid'))).toBeUndefined();
    expect(readPidFile(join(dir, 'garbled.pid'))).toBeUndefined();
  });
});
