import { toSalesforceId18 } from './to-salesforce-id18.util';

describe(toSalesforceId18.name, () => {
  it('computes the case-safety suffix Salesforce appends to 15-character ids', () => {
    // Published examples of 15 -> 18 conversion.
    expect(toSalesforceId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(toSalesforceId18('003000000000000')).toBe('003000000000000AAA');
  });
});
