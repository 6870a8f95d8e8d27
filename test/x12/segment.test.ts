import { describe, expect, it } from 'vitest';
import { readX12, readX12Sync } from '../../src/x12/reader.js';
import { type Segment, SegmentView, firstText, isRepeated, splitElement } from '../../src/x12/segment.js';
import { buildFile, tempDir, toBuffer, x12 } from './fixtures.js';
import { recordSync } from './record.js';

/** Reads a buffer and calls `fn` with the view of every segment with the given tag. */
function withSegment(buf: Buffer, tag: string, fn: (v: SegmentView) => void): number {
  let n = 0;
  readX12Sync(buf, {
    segment(v) {
      if (v.tag === tag) {
        n++;
        fn(v);
      }
    },
  });
  return n;
}

describe('segment position: offset, index, setPosition, line', () => {
  it('exact byte offsets with no line endings', () => {
    const r = recordSync(toBuffer(x12()));
    const text = x12();
    // Independently of the fixture builder: each segment starts right after the previous terminator.
    const expected: number[] = [0];
    for (let i = text.indexOf('~'); i >= 0 && i + 1 < text.length; i = text.indexOf('~', i + 1)) expected.push(i + 1);
    expect(r.segments.map((s) => s.offset)).toEqual(expected);
    expect(r.segments.slice(0, 3).map((s) => s.offset)).toEqual([0, 106, 106 + 'GS*HC*SENDERGS*RECEIVERGS*20250115*1200*1*X*005010X222A1~'.length]);
    for (const s of r.segments) expect(text.slice(s.offset, s.offset + s.tag.length)).toBe(s.tag);
  });

  it('exact byte offsets with CRLF line endings', () => {
    const built = buildFile({ lineEnding: '\r\n' });
    const r = recordSync(built.buf);
    expect(r.segments.map((s) => s.offset)).toEqual(built.segments.map((s) => s.offset));
    expect(r.segments[1].offset).toBe(108);
    for (const s of r.segments) expect(built.text.slice(s.offset, s.offset + s.tag.length)).toBe(s.tag);
  });

  it('index counts segments from 0 across the whole file, envelopes included', () => {
    const text = x12({ interchanges: [{}, { isa: { control: '000000002' } }] });
    const r = recordSync(toBuffer(text));
    expect(r.segments.map((s) => s.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(r.result.segments).toBe(20);
  });

  it('setPosition numbers ST as 1 through SE as n; 0 outside transaction sets', () => {
    const body = ['BHT*0019*00*1*20250115*1200*CH', 'NM1*41*2*A', 'NM1*40*2*B', 'HL*1**20*1'];
    const r = recordSync(toBuffer(x12({ interchanges: [{ groups: [{ transactions: [{ body }, { body: ['BHT*0019*00*2*20250115*1200*CH'] }] }] }] })));
    expect(r.segments.map((s) => [s.tag, s.setPosition])).toEqual([
      ['ISA', 0],
      ['GS', 0],
      ['ST', 1],
      ['BHT', 2],
      ['NM1', 3],
      ['NM1', 4],
      ['HL', 5],
      ['SE', 6],
      ['ST', 1],
      ['BHT', 2],
      ['SE', 3],
      ['GE', 0],
      ['IEA', 0],
    ]);
  });

  it('line numbers follow the newlines of the file', () => {
    const built = buildFile({ lineEnding: '\n' });
    const r = recordSync(built.buf);
    expect(r.segments.map((s) => s.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a file without newlines is all on line 1', () => {
    const r = recordSync(toBuffer(x12()));
    expect(new Set(r.segments.map((s) => s.line))).toEqual(new Set([1]));
  });

  it('several segments per line and blank lines', () => {
    // Two segments per line, then a blank line.
    const segs = x12().split('~').filter(Boolean);
    let text = '';
    segs.forEach((s, i) => {
      text += `${s}~`;
      if (i % 2 === 1) text += '\n\n';
    });
    const r = recordSync(Buffer.from(text));
    expect(r.segments.map((s) => s.line)).toEqual([1, 1, 3, 3, 5, 5, 7, 7, 9, 9]);
  });
});

describe('elements and components', () => {
  const buf = toBuffer(
    x12({
      interchanges: [
        {
          groups: [
            {
              transactions: [
                {
                  body: ['NM1*85*2*ACME CLINIC*****XX*1234567893', 'CLM*A37YH556*500***11:B:1*Y*A*Y*I', 'HI*ABK:J449^ABF:R05^ABF:M545', 'REF*EA*123**', 'DTP*472*D8*20250110'],
                },
              ],
            },
          ],
        },
      ],
    }),
  );

  it('element(n) is the raw text of element n, components included; absent elements are empty', () => {
    const seen = withSegment(buf, 'CLM', (v) => {
      expect(v.element(1)).toBe('A37YH556');
      expect(v.element(2)).toBe('500');
      expect(v.element(3)).toBe('');
      expect(v.element(5)).toBe('11:B:1');
      expect(v.element(9)).toBe('I');
      expect(v.element(10)).toBe('');
      expect(v.element(0)).toBe('');
      expect(v.elementCount).toBe(9);
      expect(v.has(3)).toBe(false);
      expect(v.has(5)).toBe(true);
      expect(v.elementLength(5)).toBe(6);
      expect(v.text()).toBe('CLM*A37YH556*500***11:B:1*Y*A*Y*I');
    });
    expect(seen).toBe(1);
  });

  it('component(n, c) splits element n on the component separator', () => {
    withSegment(buf, 'CLM', (v) => {
      expect(v.component(5, 1)).toBe('11');
      expect(v.component(5, 2)).toBe('B');
      expect(v.component(5, 3)).toBe('1');
      expect(v.component(5, 4)).toBe('');
      expect(v.component(1, 1)).toBe('A37YH556');
      expect(v.component(1, 2)).toBe('');
      expect(v.component(12, 1)).toBe('');
    });
  });

  it('component(n, c) reads the first repetition only', () => {
    withSegment(buf, 'HI', (v) => {
      expect(v.element(1)).toBe('ABK:J449^ABF:R05^ABF:M545');
      expect(v.component(1, 1)).toBe('ABK');
      expect(v.component(1, 2)).toBe('J449');
      expect(v.component(1, 3)).toBe('');
      expect(v.elementCount).toBe(1);
    });
  });

  it('detach() gives repetitions, composites and plain text', () => {
    let hi: Segment | undefined;
    let clm: Segment | undefined;
    let nm1: Segment | undefined;
    withSegment(buf, 'HI', (v) => (hi = v.detach()));
    withSegment(buf, 'CLM', (v) => (clm = v.detach()));
    withSegment(buf, 'NM1', (v) => (nm1 = v.detach()));
    expect(hi).toEqual({
      tag: 'HI',
      elements: [
        {
          repeats: [
            ['ABK', 'J449'],
            ['ABF', 'R05'],
            ['ABF', 'M545'],
          ],
        },
      ],
    });
    expect(isRepeated(hi!.elements[0])).toBe(true);
    expect(firstText(hi!.elements[0])).toBe('ABK');
    expect(clm).toEqual({ tag: 'CLM', elements: ['A37YH556', '500', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'I'] });
    expect(firstText(clm!.elements[4])).toBe('11');
    expect(firstText(clm!.elements[0])).toBe('A37YH556');
    expect(firstText(undefined)).toBe('');
    expect(nm1!.elements).toEqual(['85', '2', 'ACME CLINIC', '', '', '', '', 'XX', '1234567893']);
  });

  it('trailing empty elements are counted as written', () => {
    withSegment(buf, 'REF', (v) => {
      expect(v.elementCount).toBe(4);
      expect(v.element(1)).toBe('EA');
      expect(v.element(2)).toBe('123');
      expect(v.element(3)).toBe('');
      expect(v.element(4)).toBe('');
      expect(v.has(4)).toBe(false);
      expect(v.detach().elements).toEqual(['EA', '123', '', '']);
    });
  });

  it('the ISA keeps its delimiter fields as text', () => {
    withSegment(buf, 'ISA', (v) => {
      expect(v.elementCount).toBe(16);
      expect(v.element(11)).toBe('^');
      expect(v.element(16)).toBe(':');
      expect(v.element(6)).toBe('SENDERID       ');
      expect(v.element(13)).toBe('000000001');
      const d = v.detach();
      expect(d.elements[10]).toBe('^');
      expect(d.elements[15]).toBe(':');
      expect(d.elements.every((e) => typeof e === 'string')).toBe(true);
    });
  });

  it('a segment with only a tag has no elements', () => {
    const text = x12({ interchanges: [{ groups: [{ transactions: [{ body: ['BHT*0019', 'LX'] }] }] }] });
    withSegment(toBuffer(text), 'LX', (v) => {
      expect(v.elementCount).toBe(0);
      expect(v.element(1)).toBe('');
      expect(v.detach()).toEqual({ tag: 'LX', elements: [] });
    });
  });

  it('detached segments stay correct after the reader reuses its buffer (file path, tiny readSize)', async () => {
    const tmp = tempDir();
    try {
      const built = buildFile({ lineEnding: '\n' });
      const path = tmp.write('a.x12', built.buf);
      const kept: Segment[] = [];
      const texts: string[] = [];
      await readX12(
        path,
        {
          segment(v) {
            kept.push(v.detach());
            texts.push(v.text());
          },
        },
        { readSize: 16 },
      );
      expect(kept.map((s) => s.tag)).toEqual(built.segments.map((s) => s.tag));
      expect(texts).toEqual(built.segments.map((s) => s.text));
      expect(kept[6]).toEqual({ tag: 'HI', elements: [{ repeats: [['ABK', 'J449'], ['ABF', 'R05']] }] });
      expect(kept[9]).toEqual({ tag: 'IEA', elements: ['1', '000000001'] });
    } finally {
      tmp.cleanup();
    }
  });

  it('segment tags longer than 3 characters are named as written', () => {
    const text = x12({ interchanges: [{ groups: [{ transactions: [{ body: ['BHT*0019', 'NM1X*1'] }] }] }] });
    const r = recordSync(toBuffer(text));
    expect(r.segments.map((s) => s.tag)).toContain('NM1X');
  });
});

describe('splitElement', () => {
  const d = { element: 0x2a, component: 0x3a, repetition: 0x5e, segment: 0x7e };
  it('splits on repetitions first, then components', () => {
    expect(splitElement('A', d)).toBe('A');
    expect(splitElement('A:B', d)).toEqual(['A', 'B']);
    expect(splitElement('A^B:C', d)).toEqual({ repeats: ['A', ['B', 'C']] });
    expect(splitElement('A^B', { ...d, repetition: -1 })).toBe('A^B');
  });
});
