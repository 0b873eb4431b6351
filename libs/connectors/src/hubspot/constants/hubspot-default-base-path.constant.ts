export const HUBSPOT_DEFAULT_BASE_PATH = 'https://api.hubapi.com';
