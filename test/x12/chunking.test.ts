/**
 * Property tests: chunk borders never change what the reader sees. For every sample file and a set of
 * inline fixtures, the bytes are split at random places (seeded, so a failure is reproducible) and fed
 * as an async iterable; the segments (tag, offset, index, setPosition, line, element texts), findings
 * and result must equal a reading of the whole Buffer, and a reading from the file path with a tiny
 * read buffer (readSize 7 and 64: the reused-buffer path and its growth).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Built, buildFile, isaText, prng, sampleFiles, samplePath, tempDir, toBuffer, x12 } from './fixtures.js';
import { type Recording, chunked, cut, record } from './record.js';

const SPLITS_PER_FILE = 50;

function fixtures(): [string, Buffer][] {
  const b = (built: Built) => built.buf;
  const full = x12({ lineEnding: '\r\n' });
  return [
    ['default, no line endings', b(buildFile())],
    ['CRLF after terminators', b(buildFile({ lineEnding: '\r\n' }))],
    ['LF after terminators', b(buildFile({ lineEnding: '\n' }))],
    ['BOM then ISA', b(buildFile({ prefix: '\uFEFF' }))],
    ['BOM, CRLF, blank lines', b(buildFile({ prefix: '\uFEFF\r\n\r\n', lineEnding: '\r\n' }))],
    ['BOM, LF blank lines, indentation', b(buildFile({ prefix: '\uFEFF\n\n  ', lineEnding: '\n' }))],
    ['leading blank lines', b(buildFile({ prefix: '\n\n\t ', lineEnding: '\n\n' }))],
    ['text before ISA', b(buildFile({ prefix: 'Claims for January\r\nbatch 7\r\n\r\n', lineEnding: '\r\n' }))],
    ['newline terminator', b(buildFile({ delims: { segment: '\n' } }))],
    ['0x1D terminator with CRLF', b(buildFile({ delims: { segment: '\x1d' }, lineEnding: '\r\n' }))],
    ['| and > delimiters', b(buildFile({ delims: { element: '|', component: '>' }, lineEnding: '\n' }))],
    ['ISA of the wrong length', b(buildFile({ interchanges: [{ rawIsa: 'ISA*00**00**ZZ*S*ZZ*R*250115*1200*^*00501*000000001*0*T*:' }], lineEnding: '\n' }))],
    ['ISA too long', b(buildFile({ interchanges: [{ rawIsa: isaText({ receiver: 'RECEIVER-ID-1234' }) }] }))],
    ['repetition = component', b(buildFile({ delims: { repetition: ':' }, lineEnding: '\r\n' }))],
    [
      'two interchanges, different delimiters',
      Buffer.concat([buildFile({ lineEnding: '\r\n' }).buf, buildFile({ delims: { element: '|', segment: '\n', component: '>' }, interchanges: [{ isa: { control: '000000002' } }] }).buf]),
    ],
    [
      'several interchanges and groups, TA1',
      b(
        buildFile({
          lineEnding: '\n',
          interchanges: [
            { isa: { control: '000000001' }, groups: [{ control: '1' }, { control: '2', transactions: [{}, { control: '0002' }] }] },
            { isa: { control: '000000002' }, before: ['TA1*000000009*250101*0101*A*000'], groups: [] },
          ],
        }),
      ),
    ],
    ['envelope findings', b(buildFile({ lineEnding: '\n', interchanges: [{ isa: { date: '250230' }, groups: [{ transactions: [{ se: { count: '2' } }, { control: '0001' }], ge: { count: '9' } }], iea: { control: '000000007' } }] }))],
    ['missing SE/GE/IEA', b(buildFile({ interchanges: [{ groups: [{ transactions: [{ se: null }], ge: null }], iea: null }, { isa: { control: '000000002' } }] }))],
    ['truncated inside a segment', Buffer.from(full.slice(0, full.indexOf('HI*') + 5), 'latin1')],
    ['truncated inside the ISA', Buffer.from(full.slice(0, 70), 'latin1')],
    ['segments outside the envelope and empty segments', Buffer.from(`${x12().replace('~NM1', '~~NM1')}REF*EA*1~\r\n`, 'latin1')],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(x12(), 'utf16le')])],
    ['not X12', Buffer.from('Dear billing office,\nno claims today.\n')],
  ];
}

/** Interesting cut points: inside the ISA, between CR and LF, inside the BOM, around terminators. */
function interestingCuts(buf: Buffer): number[] {
  const out = new Set<number>([1, 2, 3, 4, 5, 105, 106, 107]);
  for (let i = 1; i < buf.length; i++) {
    if (buf[i] === 0x0a && buf[i - 1] === 0x0d) out.add(i);
    if (buf[i - 1] === 0x7e || buf[i - 1] === 0x1d) out.add(i);
  }
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0x49 && buf[i + 1] === 0x53 && buf[i + 2] === 0x41) for (let k = 1; k < 110; k += 7) out.add(i + k);
  return [...out].filter((c) => c > 0 && c < buf.length);
}

function randomSplit(buf: Buffer, rnd: () => number, iteration: number, interesting: number[]): (Buffer | Uint8Array | string)[] {
  let cuts: number[];
  if (iteration === 0) {
    // Every byte its own chunk (bounded for large files: 1-byte chunks over the first 8 KiB, then larger).
    const n = Math.min(buf.length, 8192);
    cuts = Array.from({ length: n }, (_, i) => i + 1);
    for (let p = n + 1024; p < buf.length; p += 1024) cuts.push(p);
  } else if (iteration === 1) {
    cuts = interesting.slice().sort((a, b) => a - b);
  } else {
    const set = new Set<number>();
    const maxCuts = Math.max(1, Math.min(buf.length - 1, 2 + Math.floor(rnd() * 60)));
    for (let i = 0; i < maxCuts; i++) set.add(1 + Math.floor(rnd() * Math.max(1, buf.length - 1)));
    for (let i = 0; i < 4 && interesting.length > 0; i++) set.add(interesting[Math.floor(rnd() * interesting.length)]);
    // Sometimes a run of 1-byte chunks somewhere.
    if (rnd() < 0.3) {
      const start = Math.floor(rnd() * buf.length);
      for (let p = start; p < Math.min(buf.length, start + 40); p++) set.add(p);
    }
    cuts = [...set].sort((a, b) => a - b);
  }
  return cut(buf, cuts).map((c) => {
    const k = rnd();
    if (k < 0.15) return c.toString('latin1');
    if (k < 0.3) return new Uint8Array(c);
    return c;
  });
}

/** Everything a reading reports except `bytes`, which reader.test.ts checks on its own. */
function comparable(r: Recording) {
  const { bytes: _bytes, ...result } = r.result;
  return { segments: r.segments, findings: r.findings, transactions: r.transactions, result };
}

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function checkFile(name: string, buf: Buffer, seed: number): Promise<void> {
  const whole = comparable(await record(buf));
  // The whole-buffer reading is itself sane: every segment's offset points at its tag.
  for (const s of whole.segments) expect(buf.toString('latin1', s.offset, s.offset + s.tag.length)).toBe(s.tag);
  const rnd = prng(seed);
  const interesting = interestingCuts(buf);
  for (let i = 0; i < SPLITS_PER_FILE; i++) {
    const parts = randomSplit(buf, rnd, i, interesting);
    const got = comparable(await record(chunked(parts)));
    if (JSON.stringify(got) !== JSON.stringify(whole)) {
      const borders: number[] = [];
      let p = 0;
      for (const c of parts) borders.push((p += c.length));
      expect({ split: i, borders: borders.slice(0, 200), ...got }, `${name}: split ${i} differs from the whole-buffer reading`).toEqual({
        split: i,
        borders: borders.slice(0, 200),
        ...whole,
      });
    }
  }
  const path = tmp.write(`${seed}.x12`, buf);
  for (const readSize of [7, 64]) {
    const got = comparable(await record(path, { readSize }));
    expect(got, `${name}: path with readSize ${readSize}`).toEqual(whole);
  }
}

describe('chunk borders never change the reading (inline fixtures)', () => {
  fixtures().forEach(([name, buf], i) => {
    it(name, async () => {
      await checkFile(name, buf, 1000 + i);
    });
  });
});

describe('chunk borders never change the reading (samples)', () => {
  const files = sampleFiles();
  it('discovers the sample folders, broken and various-delimiters included', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => f.startsWith('broken/'))).toBe(true);
    expect(files.some((f) => f.startsWith('various-delimiters/'))).toBe(true);
  });
  files.forEach((rel, i) => {
    it(rel, async () => {
      await checkFile(rel, readFileSync(samplePath(rel)), 5000 + i);
    });
  });
});

describe('focused chunk borders', () => {
  it('a border inside the blank lines after a BOM does not count those lines twice', async () => {
    const built = buildFile({ prefix: '\uFEFF\n\n', lineEnding: '\n' });
    const whole = await record(built.buf);
    expect(whole.segments[0]).toMatchObject({ tag: 'ISA', offset: 5, line: 3 });
    for (const at of [4, 5, 6, 7]) {
      const r = await record(chunked(cut(built.buf, [at])));
      expect(r.segments.map((s) => s.line), `border at byte ${at}`).toEqual(built.segments.map((s) => s.line));
    }
  });

  it('a border between CR and LF after a 0x1D terminator changes nothing', async () => {
    const built = buildFile({ delims: { segment: '\x1d' }, lineEnding: '\r\n' });
    const crlf = built.buf.indexOf('\r\n', 0, 'latin1');
    const r = await record(chunked(cut(built.buf, [crlf + 1])));
    expect(r.findings).toEqual([]);
    expect(r.segments.map((s) => [s.offset, s.line])).toEqual(built.segments.map((s) => [s.offset, s.line]));
  });

  it('one byte at a time through a whole file gives the built offsets and lines', async () => {
    const built = buildFile({ lineEnding: '\r\n', interchanges: [{}, { isa: { control: '000000002' } }] });
    const bytes = Array.from({ length: built.buf.length }, (_, i) => built.buf.subarray(i, i + 1));
    const r = await record(chunked(bytes));
    expect(r.findings).toEqual([]);
    expect(r.segments.map((s) => [s.tag, s.offset, s.line])).toEqual(built.segments.map((s) => [s.tag, s.offset, s.line]));
  });
});

describe('the PRNG is deterministic', () => {
  it('same seed, same sequence; different seed, different sequence', () => {
    const a = prng(42);
    const b = prng(42);
    const c = prng(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect([c(), c(), c()]).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('toBuffer', () => {
  it('turns a leading U+FEFF into the UTF-8 BOM and the rest into latin1 bytes', () => {
    expect([...toBuffer('\uFEFFA\x1d')]).toEqual([0xef, 0xbb, 0xbf, 0x41, 0x1d]);
  });
});
