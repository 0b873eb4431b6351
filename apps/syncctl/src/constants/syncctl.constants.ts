/** Names shared with deploy/base: change them together. */
export const SYNCCTL = {
  reconcilerCronJob: 'syncline-reconciler',
  /** pause/resume go to the cache-api's admin API through the API server's service proxy. */
  cacheApiService: 'syncline-cache-api',
  cacheApiPortName: 'http',
  /**
   * Where the admin key lives when $SYNCLINE_ADMIN_API_KEY is not set: a Secret of its own, the
   * only one the Role syncline-control may read (never syncline-secrets).
   */
  secretName: 'syncline-admin',
  adminKeyField: 'SYNCLINE_ADMIN_API_KEY',
  /** Where `kubectl` would put us if the kubeconfig context names no namespace: the overlays' one. */
  defaultNamespace: 'syncline',
  partOfSelector: 'app.kubernetes.io/part-of=syncline',
  reconcilerSelector: 'app.kubernetes.io/component=reconciler',
  /** kubectl create job --from=cronjob/... marks its Jobs so; the CronJob controller does not. */
  manualAnnotation: 'cronjob.kubernetes.io/instantiate',
  /** Records the flags syncctl added to a manual run, for `syncctl status`. */
  requestAnnotation: 'syncline.io/reconcile-request',
  recentJobs: 5,
  /** Partitions of a CDC topic `collections add` creates: what the stack and overlays use. */
  cdcPartitions: 6,
  /**
   * Where the connector writes its notifications (notification.sink.topic.name in
   * debezium/postgres-connector.json): one partition, so they keep their order.
   */
  notificationsTopic: (topicPrefix: string) => `__debezium-notifications.${topicPrefix}`,
} as const;
