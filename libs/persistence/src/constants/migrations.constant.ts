import { ControlPlane1764800000000 } from '../migrations/1764800000000-control-plane.migration';
import { Notifications1764900000000 } from '../migrations/1764900000000-notifications.migration';
import { TwoWaySync1765000000000 } from '../migrations/1765000000000-two-way-sync.migration';
import { InboundHintRetries1765100000000 } from '../migrations/1765100000000-inbound-hint-retries.migration';
import { InboundCreatedOutcome1765200000000 } from '../migrations/1765200000000-inbound-created-outcome.migration';

/** Every control-plane migration, oldest first. Append new ones here. */
export const MIGRATIONS = [
  ControlPlane1764800000000,
  Notifications1764900000000,
  TwoWaySync1765000000000,
  InboundHintRetries1765100000000,
  InboundCreatedOutcome1765200000000,
];
