import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { buildDataSourceOptions } from '@syncline/persistence';
import { CollectionRegistry } from '@syncline/records';
import { DataSource } from 'typeorm';
import { CredentialCipher } from './services/credential-cipher';
import { DeliveryLogRepository } from './services/delivery-log.repository';
import { DestinationRepository } from './services/destination.repository';
import { InboundCursorRepository } from './services/inbound-cursor.repository';
import { InboundHintRetryRepository } from './services/inbound-hint-retry.repository';
import { InboundLogRepository } from './services/inbound-log.repository';
import { RemoteRecordRepository } from './services/remote-record.repository';
import { MappingRepository } from './services/mapping.repository';

/** The TypeORM connection to the control-plane tables, and the repositories over it. */
@Module({})
export class ControlPlaneModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forApp(app: string): DynamicModule {
    return {
      module: ControlPlaneModule,
      providers: [
        {
          provide: DataSource,
          inject: [SYNCLINE_CONFIG],
          useFactory: (config: SynclineConfig) =>
            new DataSource(buildDataSourceOptions(config, { applicationName: app })).initialize(),
        },
        {
          provide: CredentialCipher,
          inject: [SYNCLINE_CONFIG],
          useFactory: (config: SynclineConfig) =>
            new CredentialCipher(config.delivery.credentialsKey),
        },
        {
          provide: DestinationRepository,
          inject: [DataSource, CredentialCipher, SYNCLINE_CONFIG],
          useFactory: (dataSource: DataSource, cipher: CredentialCipher, config: SynclineConfig) =>
            new DestinationRepository(dataSource, cipher, {
              allowedHosts: config.delivery.destinationHosts,
            }),
        },
        {
          provide: MappingRepository,
          inject: [DataSource, CollectionRegistry],
          useFactory: (dataSource: DataSource, collections: CollectionRegistry) =>
            new MappingRepository(dataSource, collections),
        },
        {
          provide: DeliveryLogRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new DeliveryLogRepository(dataSource),
        },
        {
          provide: RemoteRecordRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new RemoteRecordRepository(dataSource),
        },
        {
          provide: InboundCursorRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new InboundCursorRepository(dataSource),
        },
        {
          provide: InboundHintRetryRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new InboundHintRetryRepository(dataSource),
        },
        {
          provide: InboundLogRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new InboundLogRepository(dataSource),
        },
      ],
      exports: [
        DataSource,
        CredentialCipher,
        DestinationRepository,
        MappingRepository,
        DeliveryLogRepository,
        RemoteRecordRepository,
        InboundCursorRepository,
        InboundHintRetryRepository,
        InboundLogRepository,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
