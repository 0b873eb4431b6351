import { HubSpotApiException } from '../exceptions/hubspot-api.exception';

/** `inputs[i].id` as a non-empty string (HubSpot accepts numbers for record ids). */
export function readInputId(input: Record<string, unknown>, index: number): string {
  const id = input.id;
  if ((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))) {
    return String(id);
  }
  throw new HubSpotApiException(
    400,
    'VALIDATION_ERROR',
    `Invalid input JSON: inputs[${index}].id is required`,
    {
      context: { field: [`inputs[${index}].id`] },
    },
  );
}
