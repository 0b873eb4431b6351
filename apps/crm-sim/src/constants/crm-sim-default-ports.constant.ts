export const CRM_SIM_DEFAULT_PORTS = Object.freeze({ hubspot: 4010, salesforce: 4020 });
