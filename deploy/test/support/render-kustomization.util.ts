import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEPLOY_DIR, type Kustomization } from './deploy-paths.constant';
import type { KubeObject } from './kube-object.type';

const rendered = new Map<Kustomization, readonly KubeObject[]>();

/**
 * Renders deploy/<dir> with `kubectl kustomize` (what `kubectl apply -k` applies) and parses every
 * object. Cached per test file: rendering is deterministic.
 */
export function renderKustomization(dir: Kustomization): readonly KubeObject[] {
  const cached = rendered.get(dir);
  if (cached) return cached;
  let yaml: string;
  try {
    yaml = execFileSync('kubectl', ['kustomize', path.join(DEPLOY_DIR, dir)], {
      encoding: 'utf8',
      maxBuffer: 32 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new Error('deploy tests need kubectl (with its built-in kustomize) on the PATH');
    }
    throw new Error(`kubectl kustomize deploy/${dir} failed: ${err.stderr ?? err.message}`);
  }
  const objects = parseAllDocuments(yaml).map((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(`deploy/${dir}: document ${index}: ${doc.errors[0]?.message}`);
    }
    return doc.toJS() as KubeObject;
  });
  rendered.set(dir, objects);
  return objects;
}

/** `Kind/name` for messages. */
export function describeObject(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}
