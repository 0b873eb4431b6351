import { ErrorObject } from 'ajv';

/** ajv errors as `{path, message}` with a JSON pointer to the field (missing and extra ones named). */
export function ajvIssues(errors: readonly ErrorObject[]): { path: string; message: string }[] {
  return errors.map((error) => {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const field =
      error.keyword === 'required'
        ? `/${params.missingProperty}`
        : error.keyword === 'additionalProperties'
          ? `/${params.additionalProperty}`
          : '';
    return {
      path: `${error.instancePath}${field}`,
      message: error.message ?? error.keyword,
    };
  });
}
