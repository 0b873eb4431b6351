import { ChangeTracker } from './change-tracker';

function tracker() {
  const visible: number[] = [];
  const crm: number[] = [];
  const t = new ChangeTracker({
    visible: (ms) => visible.push(ms),
    crmReceived: (ms) => crm.push(ms),
  });
  return { t, visible, crm };
}

describe(ChangeTracker.name, () => {
  it('resolves every pending version up to the noticed one (coalesced batches)', () => {
    const { t, visible } = tracker();
    t.committed('a/1', 'insert', 10, 1000);
    t.committed('a/1', 'update', 11, 1010);
    t.committed('a/1', 'update', 12, 1020);
    expect(t.unseen).toBe(3);
    expect(t.noticed('a/1', 11, 'upsert', 1100)).toBe(2);
    expect(visible).toEqual([100, 90]);
    expect(t.unseen).toBe(1);
    expect(t.unseenSample()).toEqual(['a/1@12']);
    t.noticed('a/1', 12, 'upsert', 1150);
    expect(t.unseen).toBe(0);
  });

  it("ignores notices for records it was not told about, and handles a notice before the commit's ack", () => {
    const { t, visible } = tracker();
    expect(t.noticed('other/9', 5, 'upsert', 1000)).toBe(0);
    t.expect('a/2');
    t.noticed('a/2', 7, 'upsert', 1040);
    t.committed('a/2', 'insert', 7, 1050);
    expect(visible).toEqual([-10]);
    expect(t.unseen).toBe(0);
  });

  it('does not take the upsert notice of a version for the delete of that version', () => {
    const { t, visible } = tracker();
    t.committed('a/3', 'insert', 4, 1000);
    t.noticed('a/3', 4, 'upsert', 1100);
    t.committed('a/3', 'delete', 4, 1200);
    expect(t.unseen).toBe(1);
    t.noticed('a/3', 4, 'delete', 1300);
    expect(visible).toEqual([100, 100]);
    expect(t.unseen).toBe(0);
  });

  it('matches CRM markers, and a delete supersedes what the CRM had not received yet', () => {
    const { t, crm } = tracker();
    t.committed('c/1', 'insert', 1, 1000, { marker: 1 });
    t.committed('c/1', 'update', 2, 1010, { marker: 2 });
    t.committed('c/1', 'update', 3, 1020, { marker: 3 });
    expect(t.crmUnreceived).toBe(3);
    expect(t.crmSaw('c/1', 2, 1500)).toBe(2);
    expect(crm).toEqual([500, 490]);
    expect(t.crmSaw('c/1', 2, 1600)).toBe(0);
    t.committed('c/1', 'delete', 3, 1700);
    expect(t.crmUnreceived).toBe(0);
    expect(t.crmSupersededByDelete).toBe(1);
  });
});
