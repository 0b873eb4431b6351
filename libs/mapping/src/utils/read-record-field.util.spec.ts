import { readRecordField } from './read-record-field.util';

describe(readRecordField.name, () => {
  const record = {
    email: 'ada@example.com',
    phone: null,
    custom_fields: { plan: 'gold', 'a.b': 1, nested: { x: 1 } },
  };

  it('reads columns and custom field keys', () => {
    expect(readRecordField(record, 'email')).toBe('ada@example.com');
    expect(readRecordField(record, 'phone')).toBeNull();
    expect(readRecordField(record, 'custom_fields.plan')).toBe('gold');
    expect(readRecordField(record, 'custom_fields.nested')).toEqual({ x: 1 });
  });

  it('goes one level down only: the rest of the path is the key', () => {
    expect(readRecordField(record, 'custom_fields.a.b')).toBe(1);
    expect(readRecordField(record, 'custom_fields.nested.x')).toBeUndefined();
  });

  it('is undefined for absent fields and never reads the prototype', () => {
    expect(readRecordField(record, 'missing')).toBeUndefined();
    expect(readRecordField(record, 'email.length')).toBeUndefined();
    expect(readRecordField(record, 'constructor')).toBeUndefined();
    expect(readRecordField(record, 'custom_fields.toString')).toBeUndefined();
  });

  it('reads a column whose name has a dot before looking one level down', () => {
    const dotted = { 'a.b': 'column', a: { b: 'key' } };
    expect(readRecordField(dotted, 'a.b')).toBe('column');
  });
});
