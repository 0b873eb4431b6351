import type { CONTACT_LIFECYCLE_STAGES } from '../constants/contact-lifecycle-stages.constant';

export type ContactLifecycleStage = (typeof CONTACT_LIFECYCLE_STAGES)[number];
