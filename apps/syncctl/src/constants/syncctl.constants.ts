/** Names shared with deploy/base: change them together. */
export const SYNCCTL = {
  reconcilerCronJob: 'syncline-reconciler',
  destinationsConfigMap: 'syncline-destinations-control',
  /** Value of a destination's key in the control ConfigMap while it is paused. */
  pausedValue: 'paused',
  /** Where `kubectl` would put us if the kubeconfig context names no namespace: the overlays' one. */
  defaultNamespace: 'syncline',
  partOfSelector: 'app.kubernetes.io/part-of=syncline',
  reconcilerSelector: 'app.kubernetes.io/component=reconciler',
  /** kubectl create job --from=cronjob/... marks its Jobs so; the CronJob controller does not. */
  manualAnnotation: 'cronjob.kubernetes.io/instantiate',
  /** Records the flags syncctl added to a manual run, for `syncctl status`. */
  requestAnnotation: 'syncline.io/reconcile-request',
  recentJobs: 5,
} as const;
