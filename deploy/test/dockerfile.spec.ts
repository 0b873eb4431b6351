import { existsSync } from 'node:fs';
import path from 'node:path';
import { KUSTOMIZATIONS, REPO_ROOT } from './support/deploy-paths.constant';
import { containersOf, workloadPods } from './support/pod-specs.util';
import { readRepoFile } from './support/repo-files.util';
import { renderKustomization } from './support/render-kustomization.util';

// No Docker engine runs in CI: the Dockerfile is checked as text, and every entrypoint the manifests
// start is checked against the build's output layout (tsc: <dir>/<file>.ts -> dist/<dir>/<file>.js).
describe('Dockerfile', () => {
  const dockerfile = readRepoFile('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({
    image: m[1],
    name: m[2],
  }));
  const defaultImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1] ?? '';

  it('builds in stages from a Node 20 image pinned by tag', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(defaultImage).toMatch(/^node:20\.\d+\.\d+-[a-z-]+$/);
    for (const { image } of stages) expect(image).toBe('${NODE_IMAGE}');
  });

  it('installs production dependencies only in the runtime image, and runs as a non-root user', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(runtime).toMatch(/^USER 1000:1000$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node"\]$/m);
  });

  it('keeps local state, dependencies and secrets out of the build context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');
    for (const entry of ['.git', '.stack', 'node_modules', 'dist', '**/.env'])
      expect(ignored).toContain(entry);
  });

  it.each(KUSTOMIZATIONS)(
    'starts, in deploy/%s, only entrypoints that the build produces',
    (dir) => {
      const entrypoints = workloadPods(renderKustomization(dir))
        .flatMap((pod) => containersOf(pod))
        .filter(({ container }) => /(^|\/)syncline:/.test(container.image ?? ''))
        .map(({ container }) => container.args?.[0] ?? '');
      expect(entrypoints.length).toBeGreaterThan(0);
      for (const entrypoint of entrypoints) {
        if (entrypoint.startsWith('/opt/bootstrap/')) continue; // a mounted script (minikube bootstrap)
        expect(entrypoint).toMatch(
          /^dist\/(apps\/(sync-worker|delivery-worker|cache-api|reconciler|crm-sim|syncctl)\/src\/main|scripts\/db-migrate)\.js$/,
        );
      }
      expect(existsSync(path.join(REPO_ROOT, 'scripts/db-migrate.ts'))).toBe(true);
    },
  );
});
