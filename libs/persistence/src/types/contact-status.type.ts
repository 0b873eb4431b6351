import type { CONTACT_STATUSES } from '../constants/contact-statuses.constant';

export type ContactStatus = (typeof CONTACT_STATUSES)[number];
