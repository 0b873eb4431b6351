import { Logger } from '@nestjs/common';
import { EntityMapping } from '@syncline/mapping';
import { Destination } from '../types/destination.type';
import { DestinationRepository } from './destination.repository';
import { MappingRepository } from './mapping.repository';

/**
 * The workers' view of destinations and mappings, reloaded every `refreshMs`: a mapping change,
 * a new destination or a pause applies within that, without a restart. A failed reload keeps the
 * last good view (and says so) rather than stopping delivery.
 */
export class ControlPlaneSnapshot {
  private readonly logger = new Logger(ControlPlaneSnapshot.name);
  private destinationsById = new Map<string, Destination>();
  private mappingsByRecordType = new Map<string, EntityMapping[]>();
  private fingerprint = '';
  private timer?: NodeJS.Timeout;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly destinationRepository: DestinationRepository,
    private readonly mappingRepository: MappingRepository,
    private readonly refreshMs: number,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.warn(`control plane reload failed, keeping the last view: ${String(error)}`),
      );
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Called after a reload that changed anything. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  destination(id: string): Destination | undefined {
    return this.destinationsById.get(id);
  }

  destinations(): Destination[] {
    return [...this.destinationsById.values()];
  }

  mappingsFor(tenant: string, entity: string): EntityMapping[] {
    return this.mappingsByRecordType.get(`${tenant}/${entity}`) ?? [];
  }

  /** Every mapping into one destination (two-way sync reads them per destination object). */
  mappingsOf(destinationId: string): EntityMapping[] {
    return [...this.mappingsByRecordType.values()]
      .flat()
      .filter((mapping) => mapping.destinationId === destinationId);
  }

  mapping(destinationId: string, tenant: string, entity: string): EntityMapping | undefined {
    return this.mappingsFor(tenant, entity).find(
      (mapping) => mapping.destinationId === destinationId,
    );
  }

  async refresh(): Promise<void> {
    const [destinations, mappings] = await Promise.all([
      this.destinationRepository.list(),
      this.mappingRepository.list(),
    ]);
    const fingerprint = JSON.stringify([
      destinations.map((d) => [d.id, d.version]),
      mappings.map((m) => [m.id, m.version]),
    ]);
    if (fingerprint === this.fingerprint) return;
    this.destinationsById = new Map(
      destinations.map((destination) => [destination.id, destination]),
    );
    const byType = new Map<string, EntityMapping[]>();
    for (const mapping of mappings) {
      const key = `${mapping.tenant}/${mapping.entity}`;
      byType.set(key, [...(byType.get(key) ?? []), mapping]);
    }
    this.mappingsByRecordType = byType;
    this.fingerprint = fingerprint;
    for (const listener of this.listeners) listener();
  }
}
