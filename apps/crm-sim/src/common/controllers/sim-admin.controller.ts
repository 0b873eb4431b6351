import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { SIM_BACKEND } from '../constants/sim-backend.token';
import { SimAdminException } from '../exceptions/sim-admin.exception';
import { SimCallLogService } from '../services/sim-call-log.service';
import { SimFaultService } from '../services/sim-fault.service';
import type { SimBackend } from '../types/sim-backend.type';
import type { SimCall } from '../types/sim-call.type';
import type { SimFaultsView } from '../types/sim-faults-view.type';
import type { SimStats } from '../types/sim-stats.type';
import { parseFaultsInput } from '../utils/parse-faults-input.util';

/** The sims' own API for tests and operators: inspection, faults, limits, reset. */
@Controller('__sim')
export class SimAdminController {
  constructor(
    @Inject(SIM_BACKEND) private readonly backend: SimBackend,
    private readonly callLog: SimCallLogService,
    private readonly faults: SimFaultService,
  ) {}

  @Get('health')
  health(): { ok: true } {
    return { ok: true };
  }

  /** `?updatedSince=<ms since epoch>`: only records written since then (load-test polling). */
  @Get('records/:objectType')
  records(
    @Param('objectType') objectType: string,
    @Query('updatedSince') updatedSince?: string,
  ): { total: number; results: unknown[] } {
    const sinceMs = updatedSince === undefined ? undefined : Number(updatedSince);
    if (sinceMs !== undefined && (!Number.isSafeInteger(sinceMs) || sinceMs < 0)) {
      throw new SimAdminException('updatedSince must be milliseconds since epoch');
    }
    const results = this.backend.listRecords(objectType, sinceMs);
    if (!results) throw new SimAdminException(`unknown object type '${objectType}'`, 404);
    return { total: results.length, results };
  }

  @Get('calls')
  calls(@Query('since') since?: string): { total: number; results: SimCall[] } {
    const sinceSeq = since === undefined ? 0 : Number(since);
    if (!Number.isInteger(sinceSeq) || sinceSeq < 0) {
      throw new SimAdminException('since must be a call seq (non-negative integer)');
    }
    const results = this.callLog.list(sinceSeq);
    return { total: results.length, results };
  }

  @Delete('calls')
  @HttpCode(204)
  clearCalls(): void {
    this.callLog.clear();
  }

  @Get('stats')
  stats(): SimStats {
    return this.callLog.getStats();
  }

  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.backend.reset();
  }

  @Get('faults')
  getFaults(): SimFaultsView {
    return this.faults.view();
  }

  @Post('faults')
  @HttpCode(200)
  setFaults(@Body() body: unknown): SimFaultsView {
    return this.faults.apply(parseFaultsInput(body));
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }

  @Get('limits')
  getLimits(): object {
    return this.backend.getLimits();
  }

  @Post('limits')
  @HttpCode(200)
  setLimits(@Body() body: unknown): object {
    return this.backend.updateLimits(body);
  }
}
