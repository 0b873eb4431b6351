import { DeliveryException } from '@syncline/connectors';
import { RecordChangedNotice } from '@syncline/events';
import { MappingFailedException } from '@syncline/mapping';

/** A record the destination can never take as it is: goes to the destination's dead-letter topic. */
export interface DeliveryDeadLetter {
  key: string;
  notice: RecordChangedNotice;
  mappingVersion?: number;
  error: DeliveryException | MappingFailedException;
}
