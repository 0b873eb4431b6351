import { normalizeSalesforceId } from './normalize-salesforce-id.util';

describe(normalizeSalesforceId.name, () => {
  it('normalises 15- and 18-character ids and rejects malformed ones', () => {
    expect(normalizeSalesforceId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(normalizeSalesforceId('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
    expect(normalizeSalesforceId('001A0000006Vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(normalizeSalesforceId('001A0000006Vm9rAAA')).toBeUndefined();
    expect(normalizeSalesforceId('not-an-id')).toBeUndefined();
  });
});
