import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { buildDataSourceOptions } from '@syncline/persistence';
import { EntityRegistry } from '@syncline/records';
import { DataSource } from 'typeorm';
import { CredentialCipher } from './services/credential-cipher';
import { DeliveryLogRepository } from './services/delivery-log.repository';
import { DestinationRepository } from './services/destination.repository';
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
          inject: [DataSource, EntityRegistry],
          useFactory: (dataSource: DataSource, entities: EntityRegistry) =>
            new MappingRepository(dataSource, entities),
        },
        {
          provide: DeliveryLogRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new DeliveryLogRepository(dataSource),
        },
      ],
      exports: [
        DataSource,
        CredentialCipher,
        DestinationRepository,
        MappingRepository,
        DeliveryLogRepository,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
