import { Inject, Injectable } from '@nestjs/common';
import { DestinationRepository } from '@syncline/control-plane';
import { EntityRegistry } from '@syncline/records';
import {
  ReconcileCommand,
  ReconcileKind,
  ReconcileScopeException,
  SourceManifestReader,
} from '@syncline/reconcile';
import { ReconcileCliOptions } from '../types/reconcile-cli-options.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns the flags into a command, or a clear error (exit 2): the entity by name or table
 * (`contact` or `contacts`), a tenant that exists, a destination by id or name (of the tenant,
 * when one is given).
 */
@Injectable()
export class ScopeResolver {
  constructor(
    @Inject(EntityRegistry) private readonly entities: EntityRegistry,
    @Inject(SourceManifestReader) private readonly source: SourceManifestReader,
    @Inject(DestinationRepository) private readonly destinations: DestinationRepository,
  ) {}

  async resolve(kind: ReconcileKind, options: ReconcileCliOptions): Promise<ReconcileCommand> {
    const entity = options.entity === undefined ? undefined : this.entityName(options.entity);
    // The shape first (a tenant id, no --destination for the cache), then what exists.
    const shaped = new ReconcileCommand(
      kind,
      { tenant: options.tenant, entity, destination: options.destination },
      options.dryRun === true,
    );
    const { tenant, destination } = shaped.scope;
    if (tenant !== undefined && !(await this.source.tenantExists(tenant))) {
      throw new ReconcileScopeException(
        `unknown tenant ${JSON.stringify(tenant)}: it has no rows and is not registered`,
      );
    }
    if (destination === undefined) return shaped;
    return new ReconcileCommand(
      kind,
      { ...shaped.scope, destination: await this.destinationId(destination, tenant) },
      shaped.dryRun,
    );
  }

  private entityName(value: string): string {
    const wanted = value.trim().toLowerCase();
    const found = this.entities.definitions.find(
      (definition) => definition.name === wanted || definition.table === wanted,
    );
    if (!found) {
      const known = this.entities.definitions.map((definition) => definition.name).join(', ');
      throw new ReconcileScopeException(`unknown entity ${JSON.stringify(value)}: one of ${known}`);
    }
    return found.name;
  }

  private async destinationId(value: string, tenant: string | undefined): Promise<string> {
    const all = await this.destinations.list(tenant);
    const matches = all.filter(
      (destination) =>
        (UUID.test(value) && destination.id === value.toLowerCase()) || destination.name === value,
    );
    const of = tenant === undefined ? '' : ` of tenant ${JSON.stringify(tenant)}`;
    if (matches.length === 0) {
      throw new ReconcileScopeException(
        `unknown destination ${JSON.stringify(value)}${of}: give its id or name`,
      );
    }
    if (matches.length > 1) {
      throw new ReconcileScopeException(
        `destination name ${JSON.stringify(value)} is ambiguous${of}: use one of the ids ${matches
          .map((destination) => `${destination.id} (tenant ${destination.tenant})`)
          .join(', ')}`,
      );
    }
    return matches[0].id;
  }
}
