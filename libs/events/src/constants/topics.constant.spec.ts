import { TOPICS } from './topics.constant';

describe('TOPICS', () => {
  describe('cdcPattern', () => {
    const pattern = TOPICS.cdcPattern('syncline');

    it("matches Debezium's per-table topics of the prefix", () => {
      expect(pattern.test('syncline.public.contacts')).toBe(true);
      expect(pattern.test('syncline.public.deals')).toBe(true);
      expect(pattern.test(TOPICS.cdcTable('syncline', 'companies'))).toBe(true);
    });

    it("does not match Syncline's own topics on the same prefix", () => {
      expect(pattern.test(TOPICS.recordChanged('syncline'))).toBe(false);
      expect(pattern.test('syncline.record-changed')).toBe(false);
      expect(pattern.test(TOPICS.cdcDeadLetters('syncline'))).toBe(false);
    });

    it('does not match another prefix that merely contains this one', () => {
      expect(pattern.test('xsyncline.public.a')).toBe(false);
      expect(pattern.test('syncline2.public.contacts')).toBe(false);
      expect(pattern.test('other.syncline.public.contacts')).toBe(false);
    });

    it('matches tables of any schema, mixed-case names included', () => {
      expect(pattern.test('syncline.inventory.stock_levels')).toBe(true);
      expect(pattern.test('syncline.public.SkuCatalog')).toBe(true);
      expect(pattern.test(TOPICS.cdcTable('syncline', 'stock_levels', 'inventory'))).toBe(true);
    });

    it("does not match Syncline's delivery queues and dead-letter topics", () => {
      const destination = '00000000-0000-4000-8000-000000000001';
      expect(pattern.test(TOPICS.deliveryTasks('syncline', destination))).toBe(false);
      expect(pattern.test(TOPICS.deliveryDeadLetters('syncline', destination))).toBe(false);
    });

    it('does not match nested names or an empty table', () => {
      expect(pattern.test('syncline.public.contacts.extra')).toBe(false);
      expect(pattern.test('syncline.public.')).toBe(false);
      expect(pattern.test('syncline.public.contacts\n')).toBe(false);
    });

    it('treats regex characters in the prefix literally', () => {
      const dotted = TOPICS.cdcPattern('stage.eu');
      expect(dotted.test('stage.eu.public.contacts')).toBe(true);
      expect(dotted.test('stageXeu.public.contacts')).toBe(false);
      const plus = TOPICS.cdcPattern('a+b');
      expect(plus.test('a+b.public.contacts')).toBe(true);
      expect(plus.test('aab.public.contacts')).toBe(false);
    });
  });

  it('derives every topic name from the prefix', () => {
    expect(TOPICS.cdcTable('syncline', 'contacts')).toBe('syncline.public.contacts');
    expect(TOPICS.recordChanged('syncline')).toBe('syncline.record-changed');
    expect(TOPICS.cdcDeadLetters('syncline')).toBe('syncline.dlq.cdc');
    expect(TOPICS.inboundHints('syncline')).toBe('syncline.inbound-hints');
  });

  it('keeps the inbound hints out of the CDC subscription', () => {
    expect(TOPICS.cdcPattern('syncline').test(TOPICS.inboundHints('syncline'))).toBe(false);
    expect(TOPICS.cdcPattern('syncline').test(TOPICS.inboundHintDeadLetters('syncline'))).toBe(
      false,
    );
  });
});
