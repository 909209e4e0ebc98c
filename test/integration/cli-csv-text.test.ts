import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { forEachCsvRecord } from '../../src/cli/csv-text.ts';

const records = (text: string) => {
  const out: string[][] = [];
  forEachCsvRecord(text, (fields) => out.push(fields));
  return out;
};

describe('the CSV reader of the evaluation data', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, LF or CRLF, skipping blank lines', () => {
    const text =
      'InvoiceNo,StockCode,Description,Quantity\n' +
      '536381,82567,"AIRLINE LOUNGE,METAL SIGN",2\r\n' +
      '\n' +
      '536477,22041,"RECORD FRAME 7"" SINGLE SIZE",48\n' +
      '536478,22042,"TWO\nLINES",1\n' +
      '536479,,,\n' +
      '536480,"",x,3';
    expect(records(text)).toEqual([
      ['InvoiceNo', 'StockCode', 'Description', 'Quantity'],
      ['536381', '82567', 'AIRLINE LOUNGE,METAL SIGN', '2'],
      ['536477', '22041', 'RECORD FRAME 7" SINGLE SIZE', '48'],
      ['536478', '22042', 'TWO\nLINES', '1'],
      ['536479', '', '', ''],
      ['536480', '', 'x', '3'],
    ]);
  });

  it('reads what csv-parse reads on the same text', () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const text = i % 3 === 0 ? `"a, ""b"" ${i}"` : i % 3 === 1 ? `plain ${i}` : `"multi\nline ${i}"`;
      return `${i},${text},${i * 2}`;
    });
    const text = `id,text,n\n${rows.join('\n')}\n`;
    expect(records(text)).toEqual(parse(text, { skip_empty_lines: true }));
  });

  it('refuses an unclosed quote or text after a closing quote, with the line', () => {
    expect(() => records('a,b\n1,"open\n')).toThrow(/line 2/);
    expect(() => records('a,b\n1,"x"y\n')).toThrow(/line 2: text after a closing quote/);
  });
});
