/** One entry of "Property values were not valid: [...]". */
export interface HubSpotPropertyError {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
}
