import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { WORKER_NODE_FLAGS } from '../../scripts/support/worker-node-flags.constant';
import { KUSTOMIZATIONS } from './support/deploy-paths.constant';
import { renderKustomization } from './support/render-kustomization.util';

// The benchmarks and the load test start the workers with WORKER_NODE_FLAGS: their figures are
// production's only while the manifests set the same flags.
describe.each(KUSTOMIZATIONS)('deploy/%s worker Node flags', (dir) => {
  const deployments = renderKustomization(dir).filter(
    (o) => o.kind === 'Deployment',
  ) as unknown as IDeployment[];

  it.each(['sync-worker', 'delivery-worker'])(
    '%s runs with the flags the benchmarks measure',
    (name) => {
      const deployment = deployments.find((d) => d.metadata?.name?.endsWith(name));
      const container = deployment?.spec?.template.spec?.containers.find((c) => c.name === name);
      const nodeOptions = container?.env?.find((e) => e.name === 'NODE_OPTIONS')?.value;
      expect(nodeOptions).toBe(WORKER_NODE_FLAGS.join(' '));
    },
  );
});
