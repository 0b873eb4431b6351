import { Global, Module } from '@nestjs/common';
import { SYNCLINE_CONFIG } from './constants/syncline-config.token';
import { getConfig } from './utils/get-config.util';

/** Provides the validated config as `@Inject(SYNCLINE_CONFIG) config: SynclineConfig`. */
@Global()
@Module({
  providers: [{ provide: SYNCLINE_CONFIG, useFactory: getConfig }],
  exports: [SYNCLINE_CONFIG],
})
export class SynclineConfigModule {}
