import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DestinationRepository } from '@syncline/control-plane';

/**
 * Rewrites destination credentials still in the unbound v1 format as v2 (sealed to their
 * destination id) when the cache-api starts: the cache-api is the control plane's writer and holds
 * the credentials key. Workers read both formats meanwhile, so the order of a rollout is free.
 */
@Injectable()
export class CredentialsUpgradeService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CredentialsUpgradeService.name);

  constructor(private readonly destinations: DestinationRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const { upgraded, unreadable } = await this.destinations.upgradeCredentials();
      if (upgraded > 0)
        this.logger.log(`sealed ${upgraded} destination credential(s) to their destination (v2)`);
      if (unreadable.length > 0)
        this.logger.error(
          `credentials of destination(s) ${unreadable.join(', ')} cannot be decrypted with ` +
            'SYNCLINE_CREDENTIALS_KEY: set them again (PATCH with credentials)',
        );
    } catch (error) {
      // Not fatal: v1 values stay readable; the next start tries again.
      this.logger.error(
        `could not rewrite v1 destination credentials: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
