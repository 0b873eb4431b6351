import { SyncRules } from '../types/sync-rules.type';
import { decideSync } from './decide-sync.util';

const ALL: SyncRules = { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' };
const ACTIVE = { id: 'c-1', status: 'active', email: 'ada@example.com', lead_score: 87 };
const ARCHIVED = { ...ACTIVE, status: 'archived' };
const ONLY_ACTIVE: SyncRules = {
  ...ALL,
  conditions: [{ field: 'status', op: 'eq', value: 'active' }],
};

describe(decideSync.name, () => {
  describe('upserts', () => {
    it('creates a record the destination never received', () => {
      expect(
        decideSync({ rules: ALL, operation: 'upsert', record: ACTIVE, previouslyDelivered: false }),
      ).toEqual({ action: 'upsert', reason: 'create' });
    });

    it('updates a delivered record', () => {
      expect(
        decideSync({ rules: ALL, operation: 'upsert', record: ACTIVE, previouslyDelivered: true }),
      ).toEqual({ action: 'upsert', reason: 'update' });
    });

    it('treats unknown delivery state as a first delivery', () => {
      expect(decideSync({ rules: ALL, operation: 'upsert', record: ACTIVE })).toEqual({
        action: 'upsert',
        reason: 'create',
      });
    });

    it("skips a create when only 'update' syncs, and an update when only 'create' does", () => {
      const updateOnly: SyncRules = { operations: ['update'], deletePolicy: 'ignore' };
      const createOnly: SyncRules = { operations: ['create'], deletePolicy: 'ignore' };
      expect(
        decideSync({
          rules: updateOnly,
          operation: 'upsert',
          record: ACTIVE,
          previouslyDelivered: false,
        }),
      ).toEqual({ action: 'skip', reason: 'create_not_allowed' });
      expect(
        decideSync({
          rules: updateOnly,
          operation: 'upsert',
          record: ACTIVE,
          previouslyDelivered: true,
        }),
      ).toEqual({ action: 'upsert', reason: 'update' });
      expect(
        decideSync({
          rules: createOnly,
          operation: 'upsert',
          record: ACTIVE,
          previouslyDelivered: true,
        }),
      ).toEqual({ action: 'skip', reason: 'update_not_allowed' });
    });
  });

  describe('conditions: only status = active', () => {
    it('syncs a matching record', () => {
      expect(
        decideSync({
          rules: ONLY_ACTIVE,
          operation: 'upsert',
          record: ACTIVE,
          previouslyDelivered: false,
        }),
      ).toEqual({ action: 'upsert', reason: 'create' });
    });

    it('skips a record that never matched', () => {
      expect(
        decideSync({
          rules: ONLY_ACTIVE,
          operation: 'upsert',
          record: ARCHIVED,
          previouslyDelivered: false,
        }),
      ).toEqual({ action: 'skip', reason: 'conditions_not_met' });
    });

    it('archives a delivered record that stopped matching when deletes archive', () => {
      expect(
        decideSync({
          rules: ONLY_ACTIVE,
          operation: 'upsert',
          record: ARCHIVED,
          previouslyDelivered: true,
        }),
      ).toEqual({ action: 'archive', reason: 'stopped_matching' });
    });

    it('leaves a record that stopped matching in place when deletes are ignored or not synced', () => {
      for (const rules of [
        { ...ONLY_ACTIVE, deletePolicy: 'ignore' },
        { ...ONLY_ACTIVE, operations: ['create', 'update'] },
      ] satisfies SyncRules[]) {
        expect(
          decideSync({ rules, operation: 'upsert', record: ARCHIVED, previouslyDelivered: true }),
        ).toEqual({ action: 'skip', reason: 'conditions_not_met' });
      }
    });

    it('needs every condition to hold', () => {
      const rules: SyncRules = {
        ...ONLY_ACTIVE,
        conditions: [
          { field: 'status', op: 'eq', value: 'active' },
          { field: 'lead_score', op: 'gte', value: 90 },
        ],
      };
      expect(
        decideSync({ rules, operation: 'upsert', record: ACTIVE, previouslyDelivered: false }),
      ).toEqual({ action: 'skip', reason: 'conditions_not_met' });
    });
  });

  describe('trigger fields', () => {
    const rules: SyncRules = { ...ONLY_ACTIVE, triggerFields: ['email', 'custom_fields.plan'] };

    it('skips an update when no trigger field changed', () => {
      expect(
        decideSync({
          rules,
          operation: 'upsert',
          record: ACTIVE,
          changedFields: ['lead_score', 'updated_at'],
          previouslyDelivered: true,
        }),
      ).toEqual({ action: 'skip', reason: 'no_trigger_field_changed' });
    });

    it('syncs an update when a trigger field changed, also via its jsonb column', () => {
      for (const changedFields of [['email'], ['custom_fields'], ['custom_fields.plan']]) {
        expect(
          decideSync({
            rules,
            operation: 'upsert',
            record: ACTIVE,
            changedFields,
            previouslyDelivered: true,
          }),
        ).toEqual({ action: 'upsert', reason: 'update' });
      }
    });

    it('counts a change to a condition field, which may bring the record back', () => {
      expect(
        decideSync({
          rules,
          operation: 'upsert',
          record: ACTIVE,
          changedFields: ['status'],
          previouslyDelivered: true,
        }),
      ).toEqual({ action: 'upsert', reason: 'update' });
    });

    it('syncs when the changed fields are unknown', () => {
      expect(
        decideSync({ rules, operation: 'upsert', record: ACTIVE, previouslyDelivered: true }),
      ).toEqual({ action: 'upsert', reason: 'update' });
    });

    it('never holds back the first delivery', () => {
      expect(
        decideSync({
          rules,
          operation: 'upsert',
          record: ACTIVE,
          changedFields: ['lead_score'],
          previouslyDelivered: false,
        }),
      ).toEqual({ action: 'upsert', reason: 'create' });
    });
  });

  describe('deletes', () => {
    it('archives a delivered record when the policy archives', () => {
      expect(decideSync({ rules: ALL, operation: 'delete', previouslyDelivered: true })).toEqual({
        action: 'archive',
        reason: 'delete',
      });
    });

    it('archives when delivery state is unknown: archiving an absent identity succeeds', () => {
      expect(decideSync({ rules: ALL, operation: 'delete' })).toEqual({
        action: 'archive',
        reason: 'delete',
      });
    });

    it('skips a record the destination never received', () => {
      expect(decideSync({ rules: ALL, operation: 'delete', previouslyDelivered: false })).toEqual({
        action: 'skip',
        reason: 'never_delivered',
      });
    });

    it("skips under deletePolicy 'ignore' even with 'delete' among the operations", () => {
      expect(
        decideSync({
          rules: { ...ALL, deletePolicy: 'ignore' },
          operation: 'delete',
          previouslyDelivered: true,
        }),
      ).toEqual({ action: 'skip', reason: 'delete_policy_ignore' });
    });

    it("skips when 'delete' is not among the operations", () => {
      expect(
        decideSync({
          rules: { ...ALL, operations: ['create', 'update'] },
          operation: 'delete',
          previouslyDelivered: true,
        }),
      ).toEqual({ action: 'skip', reason: 'delete_not_allowed' });
    });

    it('ignores conditions: the record is gone', () => {
      expect(
        decideSync({ rules: ONLY_ACTIVE, operation: 'delete', previouslyDelivered: true }),
      ).toEqual({
        action: 'archive',
        reason: 'delete',
      });
    });
  });
});
