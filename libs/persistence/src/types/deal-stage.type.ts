import type { DEAL_STAGES } from '../constants/deal-stages.constant';

export type DealStage = (typeof DEAL_STAGES)[number];
