import { CollectionDefinition } from '@syncline/records';
import { ApiErrorException } from '../../errors/api-error.exception';
import { canonicalRecordId } from './canonical-record-id.util';

const STOCK: CollectionDefinition = {
  name: 'stock_level',
  schema: 'inventory',
  table: 'stock_levels',
  keyColumns: ['warehouse_id', 'sku'],
  tenantColumn: 'org',
  columns: {
    org: { kind: 'text', nullable: false },
    warehouse_id: { kind: 'integer', nullable: false },
    sku: { kind: 'text', nullable: false, maxLength: 8 },
  },
};
const DEVICES: CollectionDefinition = {
  name: 'device',
  schema: 'public',
  table: 'devices',
  keyColumns: ['id'],
  columns: { id: { kind: 'uuid', nullable: false } },
};

function errorOf(run: () => unknown): ApiErrorException {
  try {
    run();
  } catch (error) {
    return error as ApiErrorException;
  }
  throw new Error('did not throw');
}

describe(canonicalRecordId.name, () => {
  it('gives the one form cache keys use, composite parts escaped', () => {
    expect(canonicalRecordId(STOCK, '007,A%2C1', 'params/id')).toBe('7,A%2C1');
    expect(canonicalRecordId(DEVICES, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'params/id')).toBe(
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    );
  });

  it.each([
    ['a missing key part', STOCK, '7', /expected 2 key parts/],
    ['a part that is not an integer', STOCK, 'x,A', /warehouse_id must be an integer/],
    ['a part longer than its column', STOCK, '7,ABCDEFGHIJ', /sku must NOT have more than 8/],
    ['a malformed uuid', DEVICES, 'not-a-uuid', /id must be a uuid/],
    ['an empty id', DEVICES, '', /must be a record id of device/],
  ] as const)('answers 400 naming the field for %s', (_what, collection, id, message) => {
    const error = errorOf(() => canonicalRecordId(collection, id, '/ids/3'));
    expect(error).toBeInstanceOf(ApiErrorException);
    expect(error.getStatus()).toBe(400);
    expect(error.getResponse()).toMatchObject({
      error: 'invalid_record_id',
      message: expect.stringMatching(message) as string,
      fields: [{ path: '/ids/3' }],
    });
  });
});
