import { containersOf, workloadPods } from './support/pod-specs.util';
import { renderKustomization } from './support/render-kustomization.util';

// Destination credentials and notification-channel secrets are encrypted with
// SYNCLINE_CREDENTIALS_KEY (libs/control-plane CredentialCipher). The cache-api stores them (its
// admin API creates destinations and channels), the delivery-worker and the reconcilers read
// them: each needs the key, from the Secret, or it refuses to store or open any credential.
const KEY = 'SYNCLINE_CREDENTIALS_KEY';
const USERS = ['cache-api', 'delivery-worker', 'reconcile-crm'];

describe(`${KEY} in the manifests`, () => {
  it.each(['overlays/minikube', 'overlays/cloud'] as const)(
    'reaches every app that stores or reads credentials, from the Secret, in %s',
    (dir) => {
      const containers = workloadPods(renderKustomization(dir)).flatMap((pod) => containersOf(pod));
      for (const app of USERS) {
        const found = containers.filter(({ where }) => where.includes(app));
        expect({ app, containers: found.length > 0 }).toEqual({ app, containers: true });
        for (const { where, container } of found) {
          const setting = (container.env ?? []).find((e) => e.name === KEY);
          expect({ where, from: setting?.valueFrom }).toEqual({
            where,
            from: { secretKeyRef: { name: 'syncline-secrets', key: KEY } },
          });
        }
      }
    },
  );
});
