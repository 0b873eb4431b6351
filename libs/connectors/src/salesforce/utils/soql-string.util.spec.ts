import { soqlDatetime } from './soql-datetime.util';
import { soqlName } from './soql-name.util';
import { soqlString } from './soql-string.util';

describe(soqlString.name, () => {
  it.each([
    ['plain', "'plain'"],
    ["O'Brien", "'O\\'Brien'"],
    ['back\\slash', "'back\\\\slash'"],
    ['line\nbreak', "'line\\nbreak'"],
    ['say "hi"', '\'say \\"hi\\"\''],
  ])('%p -> %p', (value, literal) => {
    expect(soqlString(value)).toBe(literal);
  });
});

describe(soqlName.name, () => {
  it('accepts API names and rejects anything else as permanent', () => {
    expect(soqlName('Syncline_Id__c')).toBe('Syncline_Id__c');
    expect(() => soqlName("Name FROM Contact WHERE Id != ''")).toThrow(/not a Salesforce API name/);
    expect(() => soqlName('Account.Name')).toThrow();
  });
});

describe(soqlDatetime.name, () => {
  it('formats UTC with whole seconds, rounded down', () => {
    expect(soqlDatetime(new Date('2025-03-04T05:06:07.890Z'))).toBe('2025-03-04T05:06:07Z');
  });
});
