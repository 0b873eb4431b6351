import { StepPrinter } from './step-printer';

describe(StepPrinter.name, () => {
  it('numbers steps and indents actions and observations under them', () => {
    const lines: string[] = [];
    const printer = new StepPrinter((line) => lines.push(line));
    expect(printer.current).toBe('start-up');
    printer.step('Create records');
    printer.act('INSERT 1 row');
    printer.see('redis', 'v12');
    printer.block('a\n\nb');
    expect(printer.current).toBe('step 1 (Create records)');
    expect(lines[0]).toMatch(/^\n\[\s*\d+\.\ds\] 1\. Create records$/);
    expect(lines.slice(1)).toEqual([
      '   > INSERT 1 row',
      `     ${'redis'.padEnd(18)} v12`,
      '     a',
      '',
      '     b',
    ]);
  });
});
