import { HUBSPOT_API_LIMITS } from '../constants/hubspot-api-limits.constant';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';

/** The `inputs` array of a batch body, checked for HubSpot's 1..100 size limit. */
export function readBatchInputs(body: unknown): Record<string, unknown>[] {
  const inputs = (body as { inputs?: unknown } | null | undefined)?.inputs;
  if (!Array.isArray(inputs)) {
    throw new HubSpotApiException(
      400,
      'VALIDATION_ERROR',
      'Invalid input JSON: "inputs" must be an array',
      {
        context: { field: ['inputs'] },
      },
    );
  }
  if (inputs.length === 0 || inputs.length > HUBSPOT_API_LIMITS.batchInputs) {
    throw new HubSpotApiException(
      400,
      'VALIDATION_ERROR',
      `Batch input must contain between 1 and ${HUBSPOT_API_LIMITS.batchInputs} inputs; got ${inputs.length}`,
      { context: { field: ['inputs'] } },
    );
  }
  return inputs.map((input: unknown, i) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        `Invalid input JSON: inputs[${i}] must be an object`,
      );
    }
    return input as Record<string, unknown>;
  });
}
