/** `--help`. Keep flags stable: `npm run bench` drives this CLI by subprocess. */
export const LOAD_TEST_USAGE = `Usage: npm run load-test -- [flags]        (scripts/load-test/run [flags])

Drives Postgres writes and/or cache-api requests for a duration or a count, measures
commit -> cache-visible and commit -> CRM-received latency (and per hop: Debezium, Kafka,
sync-worker, Redis, delivery, CRM), throughput, consumer lag, cache-api latency and the CPU
and RSS of each process, then writes <out>/load-test-<timestamp>.json and .html. The last
line printed is the JSON result's path.

Workload
  --collection <name>    collection written and read, rows built from its catalog definition
                         (SYNCLINE_LOAD_COLLECTION)                              [the demo's contacts]
  --rate <n>             changes/s written to Postgres (0: none)                 [1000]
  --api-rate <n>         cache-api requests/s (0: none)                          [0]
  --duration <d>         run length: 30s, 2m, 500ms, or seconds                  [30s]
  --count <n>            stop after n changes (n requests when --rate 0)
  --mix <i:u:d>          insert:update:delete weights                            [40:50:10]
  --api-mix <g:b:w>      get-by-id:batch-read:write-through weights              [80:15:5]
  --tenants <n>          tenants written to                                      [10]
  --tenant-prefix <s>    tenant names <s>-<i>                                    [loadtest]
  --hot-fraction <f>     share of live keys that are hot (0..1)                  [0.1]
  --hot-access <f>       share of updates/deletes that go to hot keys (0..1)     [0.8]
  --payload-bytes <n>    size of the large text column (contacts.notes)          [256]
  --connections <n>      Postgres writer lanes (one connection each)             [4]
  --max-batch <n>        most changes in one statement                           [500]
  --api-connections <n>  HTTP connections to the cache-api                       [32]
  --api-batch-size <n>   ids per batch read (1..500)                             [50]
  --seed-records <n>     rows inserted up front for cache-api reads              [10000 with --api-rate]
  --crm-fraction <f>     share of tenants with a HubSpot destination on crm-sim  [0.1; 0 with --collection]
  --drain-timeout <d>    after the writes, how long to wait for visibility       [60s]
  --api-warmup <d>       unmeasured cache-api load before the run (0: none)      [5s with --api-rate]
  --keep-data            leave the run's rows in Postgres (default: delete them)

Target
  --target <local|cluster>  cluster: never start apps                             [local]
  --start-apps <auto|always|never>  auto: start the apps that are not reachable; always: start
                         own ones on free ports                                   [auto; never for cluster]
  --sync-workers <n>     sync-worker replicas when starting apps                 [1]
  --cache-api-url <u>    SYNCLINE_LOAD_CACHE_API_URL                             [http://127.0.0.1:3000]
  --sync-worker-url <u>  ops endpoint, SYNCLINE_LOAD_SYNC_WORKER_URL             [http://127.0.0.1:9464]
  --delivery-worker-url <u>  SYNCLINE_LOAD_DELIVERY_WORKER_URL                   [http://127.0.0.1:9465]
  --crm-sim-url <u>      HubSpot sim, SYNCLINE_LOAD_CRM_SIM_URL                  [http://127.0.0.1:4010]
  --pg-url <u>           SYNCLINE_LOAD_PG_URL                                    [from SYNCLINE_PG_*]
  --kafka-brokers <l>    host:port,...                                           [SYNCLINE_KAFKA_BROKERS]
  --admin-key <k>        SYNCLINE_LOAD_ADMIN_KEY                                 [SYNCLINE_ADMIN_API_KEY]
  --api-keys <t=k,...>   SYNCLINE_LOAD_API_KEYS, cache-api keys of the tenants   [derived, local only]
  --visible-clock <observed|receipt>  end of commit -> cache-visible             [observed]

Output
  --out <dir>            result folder                                           [bench-results/load-test]
  --no-html / --json-only  write the JSON result only
  --help
`;
