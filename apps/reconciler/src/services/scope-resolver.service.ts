import { Inject, Injectable } from '@nestjs/common';
import { DestinationRepository } from '@syncline/control-plane';
import { CollectionRegistry } from '@syncline/records';
import {
  ReconcileCommand,
  ReconcileKind,
  ReconcileScopeException,
  SourceManifestReader,
} from '@syncline/reconcile';
import { ReconcileCliOptions } from '../types/reconcile-cli-options.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns the flags into a command, or a clear error (exit 2): the collection by name or table
 * (`name`, `table` or `schema.table`; case-insensitive when that is unambiguous), a tenant that
 * exists, a destination by id or name (of the tenant, when one is given).
 */
@Injectable()
export class ScopeResolver {
  constructor(
    @Inject(CollectionRegistry) private readonly collections: CollectionRegistry,
    @Inject(SourceManifestReader) private readonly source: SourceManifestReader,
    @Inject(DestinationRepository) private readonly destinations: DestinationRepository,
  ) {}

  async resolve(kind: ReconcileKind, options: ReconcileCliOptions): Promise<ReconcileCommand> {
    const wanted = options.collection ?? options.entity;
    const entity = wanted === undefined ? undefined : this.collectionName(wanted);
    // The shape first (a tenant id, no --destination for the cache), then what exists.
    const shaped = new ReconcileCommand(
      kind,
      { tenant: options.tenant, entity, destination: options.destination },
      options.dryRun === true,
    );
    const { tenant, destination } = shaped.scope;
    if (tenant !== undefined && !(await this.source.tenantExists(tenant))) {
      throw new ReconcileScopeException(
        `unknown tenant ${JSON.stringify(tenant)}: no collection has rows of it (or it as its fixed tenant)`,
      );
    }
    if (destination === undefined) return shaped;
    return new ReconcileCommand(
      kind,
      { ...shaped.scope, destination: await this.destinationId(destination, tenant) },
      shaped.dryRun,
    );
  }

  private collectionName(value: string): string {
    const all = this.collections.collections;
    const names = (c: (typeof all)[number]) => [c.name, c.table, `${c.schema}.${c.table}`];
    const wanted = value.trim();
    const exact = all.filter((c) => names(c).includes(wanted));
    const loose = all.filter((c) =>
      names(c).some((name) => name.toLowerCase() === wanted.toLowerCase()),
    );
    const found = exact.length === 1 ? exact : loose;
    if (found.length !== 1) {
      const known = all.map((c) => c.name).join(', ');
      const problem = found.length === 0 ? 'unknown collection' : 'ambiguous collection';
      throw new ReconcileScopeException(`${problem} ${JSON.stringify(value)}: one of ${known}`);
    }
    return found[0].name;
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
