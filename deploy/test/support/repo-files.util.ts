import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './deploy-paths.constant';

export function readRepoFile(relative: string): string {
  return readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

/** A Java .properties file as key -> value (comments and blank lines dropped; no continuations). */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const separator = line.search(/[=:]/);
    if (separator < 0) throw new Error(`not a key=value line: ${line}`);
    properties.set(line.slice(0, separator).trim(), line.slice(separator + 1).trim());
  }
  return properties;
}

/** debezium/postgres-connector.json, as the local stack registers it. */
export interface ConnectorFile {
  name: string;
  config: Record<string, string>;
}

export function readConnectorFile(relative = 'debezium/postgres-connector.json'): ConnectorFile {
  return JSON.parse(readRepoFile(relative)) as ConnectorFile;
}

/** A Maven property of scripts/stack.d/pom.xml (the local stack's versions). */
export function pomProperty(name: string): string {
  const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(
    readRepoFile('scripts/stack.d/pom.xml'),
  );
  if (!match?.[1]) throw new Error(`scripts/stack.d/pom.xml has no <${name}>`);
  return match[1];
}
