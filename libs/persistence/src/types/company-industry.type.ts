import type { COMPANY_INDUSTRIES } from '../constants/company-industries.constant';

export type CompanyIndustry = (typeof COMPANY_INDUSTRIES)[number];
