import type { HubSpotRecord } from './hubspot-record.type';

/** Where a write lands: an existing record, or a new one (optionally with its idProperty value). */
export interface HubSpotWriteTarget {
  existing: HubSpotRecord | undefined;
  /** For an upsert that creates: the idProperty and its (normalised) value to set. */
  identity?: { property: string; value: string };
  /** Echoed in errors so a caller can map them back to its inputs. */
  context: Record<string, string[]>;
}
