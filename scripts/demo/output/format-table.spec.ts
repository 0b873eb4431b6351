import { formatTable } from './format-table';

describe(formatTable.name, () => {
  it('pads every column to its widest cell, with a rule under the header', () => {
    expect(
      formatTable(
        ['record', 'Redis'],
        [
          ['Ada', 'v12'],
          ['Grace Hopper', 'tombstone v15'],
        ],
      ),
    ).toBe(
      [
        'record       | Redis',
        '-------------+--------------',
        'Ada          | v12',
        'Grace Hopper | tombstone v15',
      ].join('\n'),
    );
  });

  it('cuts long cells with an ellipsis and indents every line', () => {
    const text = formatTable(['a', 'b'], [['abcdefghij', 'x']], { indent: '  ', maxCellWidth: 5 });
    expect(text.split('\n')).toEqual(['  a     | b', '  ------+--', '  abcd… | x']);
  });

  it('treats missing cells as empty', () => {
    expect(formatTable(['a', 'b'], [['1']]).split('\n')[2]).toBe('1 |');
  });
});
