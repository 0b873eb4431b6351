import { HttpException } from '@nestjs/common';
import {
  ControlPlaneException,
  DeliveryLogRepository,
  DestinationRepository,
  InboundLogRepository,
  MappingRepository,
} from '@syncline/control-plane';
import { AdminController } from './admin.controller';
import { DeleteDestinationUseCase } from './usecases/delete-destination.usecase';
import { ReplayDeadLettersUseCase } from './usecases/replay-dead-letters.usecase';

const DEST = '0b6f4d7e-5a34-4c1e-9d1b-7f0e2c3a4b5d';
const entry = {
  destinationId: DEST,
  object: 'Shipment__c',
  externalId: 'ACME|42',
  tenant: 'logistics',
  entity: 'shipments',
  recordId: 'ACME,42',
  outcome: 'conflict' as const,
  conflicts: [{ field: 'status', policy: 'postgres_wins', winner: 'postgres' as const }],
  error: null,
  remoteModifiedAt: '2026-12-05T03:00:00.000Z',
  updatedAt: '2026-12-05T03:00:01.000Z',
};

describe(`${AdminController.name} inbound log`, () => {
  let queries: unknown[][];
  let controller: AdminController;

  beforeEach(() => {
    queries = [];
    const destinations = {
      get: async (tenant: string, id: string) => {
        if (tenant !== 'logistics' || id !== DEST)
          throw new ControlPlaneException('NOT_FOUND', `tenant ${tenant} has no destination ${id}`);
        return { id };
      },
    } as unknown as DestinationRepository;
    const inboundLog = {
      query: async (...args: unknown[]) => {
        queries.push(args);
        return [entry];
      },
    } as unknown as InboundLogRepository;
    controller = new AdminController(
      destinations,
      {} as MappingRepository,
      {} as DeliveryLogRepository,
      inboundLog,
      {} as ReplayDeadLettersUseCase,
      {} as DeleteDestinationUseCase,
    );
  });

  const statusOf = async (call: Promise<unknown>) =>
    call.then(
      () => 200,
      (error: unknown) => (error instanceof HttpException ? error.getStatus() : String(error)),
    );

  it("answers the destination's latest inbound outcomes, filtered by outcome, 100 by default", async () => {
    expect(await controller.inboundLogOf('logistics', DEST, 'conflict', '20')).toEqual([entry]);
    await controller.inboundLogOf('logistics', DEST);
    expect(queries).toEqual([
      [DEST, { outcome: 'conflict', limit: 20 }],
      [DEST, { outcome: undefined, limit: 100 }],
    ]);
  });

  it('refuses an unknown outcome or a limit outside 1..1000 with 400', async () => {
    expect(await statusOf(controller.inboundLogOf('logistics', DEST, 'delivered'))).toBe(400);
    expect(await statusOf(controller.inboundLogOf('logistics', DEST, undefined, '0'))).toBe(400);
    expect(await statusOf(controller.inboundLogOf('logistics', DEST, undefined, '1001'))).toBe(400);
    expect(queries).toEqual([]);
  });

  it("does not show another tenant's destination", async () => {
    await expect(controller.inboundLogOf('globex', DEST)).rejects.toBeInstanceOf(
      ControlPlaneException,
    );
    expect(queries).toEqual([]);
  });
});
