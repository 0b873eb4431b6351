import { SimFaultService } from '../services/sim-fault.service';
import type { SimRequest } from '../types/sim-request.type';
import type { SimResponse } from '../types/sim-response.type';
import { SimLatencyMiddleware } from './sim-latency.middleware';

describe(SimLatencyMiddleware.name, () => {
  const faults = new SimFaultService({ unavailable: jest.fn(), serverError: jest.fn() });
  const middleware = new SimLatencyMiddleware(faults);
  const call = (url: string) => {
    const next = jest.fn();
    middleware.use({ originalUrl: url } as SimRequest, {} as SimResponse, next);
    return next;
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    faults.clear();
    jest.useRealTimers();
  });

  it('holds an API call for the configured latency before the handler runs', () => {
    faults.apply({ latencyMs: 60 });
    const next = call('/crm/v3/objects/contacts/batch/upsert');

    jest.advanceTimersByTime(59);
    expect(next).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('passes admin calls and calls without latency straight through', () => {
    expect(call('/crm/v3/objects/contacts')).toHaveBeenCalledTimes(1);
    faults.apply({ latencyMs: 60 });
    expect(call('/__sim/calls')).toHaveBeenCalledTimes(1);
  });
});
