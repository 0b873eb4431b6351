import { loadConfig, type SynclineConfig } from '@syncline/config';
import { CredentialCipher, DestinationRepository } from '@syncline/control-plane';
import { buildDataSourceOptions } from '@syncline/persistence';
import { ConnectStatusClient, ConsumerLagReader } from '@syncline/pipeline-health';
import { CollectionRegistry } from '@syncline/records';
import { createSourcePool } from '@syncline/source';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** Short timeouts: an unreachable part is reported, not waited out. */
const CONNECT_TIMEOUT_MS = 3000;

/**
 * What `syncctl status` reads the pipeline with, from the Syncline environment (SYNCLINE_PG_*,
 * SYNCLINE_KAFKA_BROKERS, SYNCLINE_CONNECT_URL, the group ids): the apps' own settings, so it
 * looks at the same slot, connector, groups and topics they use.
 */
export class PipelineContext {
  private dataSource?: DataSource;
  private lagReader?: ConsumerLagReader;

  private constructor(
    readonly config: SynclineConfig,
    readonly pool: Pool,
    readonly kafka: Kafka,
  ) {}

  static open(env: NodeJS.ProcessEnv): PipelineContext {
    const config = loadConfig(env);
    const pool = createSourcePool(config.postgres, 2, 'syncctl');
    const kafka = new Kafka({
      clientId: 'syncctl',
      brokers: [...config.kafka.brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: CONNECT_TIMEOUT_MS,
      retry: { retries: 1 },
    });
    return new PipelineContext(config, pool, kafka);
  }

  /** Only set in the environment a Syncline app runs with (or `scripts/stack env`). */
  static configuredIn(env: NodeJS.ProcessEnv): boolean {
    return env.SYNCLINE_KAFKA_BROKERS !== undefined || env.SYNCLINE_PG_HOST !== undefined;
  }

  connect(): ConnectStatusClient | undefined {
    const url = this.config.health.connectUrl;
    return url === '' ? undefined : new ConnectStatusClient(url, CONNECT_TIMEOUT_MS);
  }

  lag(): ConsumerLagReader {
    return (this.lagReader ??= new ConsumerLagReader(this.kafka));
  }

  loadCollections(): Promise<CollectionRegistry> {
    return CollectionRegistry.load({
      pool: this.pool,
      publication: this.config.postgres.publication,
      configFile: this.config.postgres.collectionsFile,
    });
  }

  async destinations(): Promise<DestinationRepository> {
    if (!this.dataSource) {
      const options = buildDataSourceOptions(this.config, { applicationName: 'syncctl' });
      this.dataSource = await new DataSource({
        ...options,
        extra: { ...(options.extra as object), connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
      }).initialize();
    }
    // Listing needs no credentials: the cipher is never asked to decrypt here.
    return new DestinationRepository(
      this.dataSource,
      new CredentialCipher(this.config.delivery.credentialsKey),
    );
  }

  async close(): Promise<void> {
    await this.lagReader?.close().catch(() => undefined);
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
    await this.pool.end();
  }
}
