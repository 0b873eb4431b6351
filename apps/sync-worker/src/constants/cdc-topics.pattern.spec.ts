import { TOPICS } from '@syncline/events';
import { cdcTopicsPattern } from './cdc-topics.pattern';

describe(cdcTopicsPattern.name, () => {
  const pattern = cdcTopicsPattern('stage.eu');

  it("matches Debezium's topic of a table in any schema, quoted mixed-case names included", () => {
    for (const topic of [
      'stage.eu.public.contacts',
      'stage.eu.inventory.stock_levels',
      'stage.eu.public.SkuCatalog',
    ])
      expect(pattern.test(topic)).toBe(true);
  });

  it("matches none of Syncline's own topics, nor another prefix's", () => {
    for (const topic of [
      TOPICS.cdcDeadLetters('stage.eu'),
      TOPICS.recordChanged('stage.eu'),
      TOPICS.deliveryTasks('stage.eu', '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e'),
      TOPICS.deliveryDeadLetters('stage.eu', '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e'),
      'stage.eu.transaction',
      'stagexeu.public.contacts',
      'other.public.contacts',
    ])
      expect(pattern.test(topic)).toBe(false);
  });
});
