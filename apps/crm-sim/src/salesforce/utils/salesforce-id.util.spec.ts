import { normalizeSalesforceId, toSalesforceId18 } from './salesforce-id.util';

describe(toSalesforceId18.name, () => {
  it('computes the case-safety suffix Salesforce appends to 15-character ids', () => {
    // Published examples of 15 -> 18 conversion.
    expect(toSalesforceId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(toSalesforceId18('003000000000000')).toBe('003000000000000AAA');
  });

  it('normalises 15- and 18-character ids and rejects malformed ones', () => {
    expect(normalizeSalesforceId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(normalizeSalesforceId('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
    expect(normalizeSalesforceId('001A0000006Vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(normalizeSalesforceId('001A0000006Vm9rAAA')).toBeUndefined();
    expect(normalizeSalesforceId('not-an-id')).toBeUndefined();
  });
});
