import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildFile, sampleFiles, tempDir, toBuffer, validSamples, samplePath, x12 } from '../x12/fixtures.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    (s) => {
      out += s;
    },
    (s) => {
      err += s;
    },
  );
  return { code, out, err };
}

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const clean = buildFile({ lineEnding: '\n', interchanges: [{ isa: { control: '000000042', sender: 'SUBMITTER', receiver: 'PAYER' }, groups: [{ control: '7', transactions: [{ control: '0001' }, { control: '0002', set: '837' }] }] }] });
const cleanPath = tmp.write('clean.x12', clean.buf);
const withFindings = buildFile({ lineEnding: '\n', interchanges: [{ groups: [{ transactions: [{ se: { count: '9' } }] }] }] });
const findingsPath = tmp.write('findings.x12', withFindings.buf);
const notX12Path = tmp.write('not.x12', 'id,amount\n1,100\n');
const widePath = tmp.write('wide.x12', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(x12(), 'utf16le')]));
const emptyPath = tmp.write('empty.x12', Buffer.alloc(0));
const bannerPath = tmp.write('banner.x12', x12({ prefix: 'batch 7\n' }));
const missingPath = `${tmp.dir}/does-not-exist.x12`;

describe('x12d inspect', () => {
  it('prints the interchanges, groups and sets of a clean file and exits 0', async () => {
    const r = await run('inspect', cleanPath);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`${cleanPath}  (${clean.buf.length} bytes, ${clean.segments.length} segments)`);
    expect(lines[1]).toBe('  interchange 000000042  ZZ:SUBMITTER -> ZZ:PAYER  version 00501  test');
    expect(lines[2]).toBe('    group 7  HC 005010X222A1  SENDERGS -> RECEIVERGS  2 transaction set(s)');
    expect(lines[3]).toBe('      837 control 0001  005010X222A1  6 segments');
    expect(lines[4]).toBe('      837 control 0002  005010X222A1  6 segments');
    expect(lines[5]).toBe('  no envelope findings');
    expect(lines).toHaveLength(6);
  });

  it('lists findings with their place and exits 1', async () => {
    const r = await run('inspect', findingsPath);
    expect(r.code).toBe(1);
    const se = withFindings.segments.find((s) => s.tag === 'SE')!;
    expect(r.out).toContain('  1 finding(s):\n');
    expect(r.out).toContain(`  - ERROR SE_COUNT_MISMATCH (segment ${withFindings.segments.indexOf(se) + 1}, line ${se.line}, byte ${se.offset}): `);
  });

  it('--json has the documented shape', async () => {
    const r = await run('inspect', cleanPath, findingsPath, '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      files: {
        file: string;
        interchanges: { sender: string; receiver: string; control: string; groups: { functionalId: string; version: string; control: string; transactions: { set: string; control: string; segments: number }[] }[] }[];
        findings: { code: string; message: string; offset: number; segment: number }[];
      }[];
    };
    expect(Object.keys(doc)).toEqual(['files']);
    expect(doc.files).toHaveLength(2);
    const [a, b] = doc.files;
    expect(a).toMatchObject({
      file: cleanPath,
      interchanges: [
        {
          sender: 'SUBMITTER',
          receiver: 'PAYER',
          control: '000000042',
          groups: [
            {
              functionalId: 'HC',
              version: '005010X222A1',
              control: '7',
              transactions: [
                { set: '837', control: '0001', segments: 6 },
                { set: '837', control: '0002', segments: 6 },
              ],
            },
          ],
        },
      ],
      findings: [],
    });
    const se = withFindings.segments.findIndex((s) => s.tag === 'SE');
    expect(b.file).toBe(findingsPath);
    expect(b.findings).toHaveLength(1);
    expect(b.findings[0]).toMatchObject({ code: 'SE_COUNT_MISMATCH', offset: withFindings.segments[se].offset, segment: se });
    expect(typeof b.findings[0].message).toBe('string');
    // Every level carries the documented keys with the documented types.
    for (const f of doc.files) {
      expect(typeof f.file).toBe('string');
      for (const i of f.interchanges) {
        for (const k of ['sender', 'receiver', 'control'] as const) expect(typeof i[k]).toBe('string');
        for (const g of i.groups) {
          for (const k of ['functionalId', 'version', 'control'] as const) expect(typeof g[k]).toBe('string');
          for (const t of g.transactions) {
            expect(typeof t.set).toBe('string');
            expect(typeof t.control).toBe('string');
            expect(typeof t.segments).toBe('number');
          }
        }
      }
      for (const x of f.findings) {
        expect(typeof x.code).toBe('string');
        expect(typeof x.message).toBe('string');
        expect(typeof x.offset).toBe('number');
        expect(typeof x.segment).toBe('number');
      }
    }
  });

  it('a missing file exits 2 and says so', async () => {
    const r = await run('inspect', missingPath);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`cannot read ${missingPath}: no such file`);
    const j = await run('inspect', missingPath, '--json');
    expect(j.code).toBe(2);
    expect(JSON.parse(j.out).files[0]).toMatchObject({ file: missingPath, interchanges: [], findings: [] });
  });

  it('a file that is not X12 exits 2 (NOT_X12, UTF-16, empty)', async () => {
    for (const [p, code] of [
      [notX12Path, 'NOT_X12'],
      [widePath, 'WIDE_ENCODING'],
      [emptyPath, 'NOT_X12'],
    ]) {
      const r = await run('inspect', p, '--json');
      expect(r.code, p).toBe(2);
      expect(JSON.parse(r.out).files[0].findings.map((f: { code: string }) => f.code)).toEqual([code]);
    }
  });

  it('a readable file with findings outside any transaction exits 1, not 2', async () => {
    const r = await run('inspect', bannerPath);
    expect(r.code).toBe(1);
    expect(r.out).toContain('TEXT_BEFORE_ISA');
  });

  it('several files: 2 wins over 1 wins over 0', async () => {
    expect((await run('inspect', cleanPath, cleanPath)).code).toBe(0);
    expect((await run('inspect', cleanPath, findingsPath)).code).toBe(1);
    expect((await run('inspect', findingsPath, missingPath, cleanPath)).code).toBe(2);
  });

  it('inspect with no file is a usage error (exit 2)', async () => {
    const r = await run('inspect');
    expect(r.code).toBe(2);
    expect(r.err).toContain('inspect needs at least one file');
  });

  it('every sample: exit 0 for valid ones, 1 or 2 for broken ones', async () => {
    for (const rel of sampleFiles()) {
      const r = await run('inspect', samplePath(rel), '--json');
      const doc = JSON.parse(r.out);
      if (rel.startsWith('broken/')) {
        expect(r.code, rel).toBeGreaterThanOrEqual(1);
        expect(doc.files[0].findings.length, rel).toBeGreaterThan(0);
      } else {
        expect(r.code, rel).toBe(0);
        expect(doc.files[0].findings, rel).toEqual([]);
      }
    }
  });
});

describe('x12d ta1', () => {
  it('prints an accepting TA1 interchange for a clean file and exits 0', async () => {
    const r = await run('ta1', cleanPath);
    expect(r.code).toBe(0);
    const segs = r.out.split('~\n').filter(Boolean);
    expect(segs).toHaveLength(3);
    expect(segs[0]).toHaveLength(105);
    expect(segs[0]).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*PAYER {10}\*ZZ\*SUBMITTER {6}\*\d{6}\*\d{4}\*\^\*00501\*\d{9}\*0\*T\*:$/);
    expect(segs[1]).toBe('TA1*000000042*250115*1200*A*000');
    expect(segs[2]).toMatch(/^IEA\*0\*\d{9}$/);
    expect(segs[2].slice(6)).toBe(segs[0].slice(90, 99));
  });

  it('rejects an interchange whose IEA02 does not match and exits 1', async () => {
    const p = tmp.write('iea.x12', x12({ lineEnding: '\n', interchanges: [{ iea: { control: '000000002' } }] }));
    const r = await run('ta1', p);
    expect(r.code).toBe(1);
    expect(r.out).toContain('TA1*000000001*250115*1200*R*001~');
  });

  it('notes a bad ISA date with E and exits 1', async () => {
    const p = tmp.write('date.x12', x12({ interchanges: [{ isa: { date: '250230' } }] }));
    const r = await run('ta1', p);
    expect(r.code).toBe(1);
    expect(r.out).toContain('TA1*000000001*250230*1200*E*014~');
  });

  it('exits 2 when there is nothing to acknowledge', async () => {
    const missing = await run('ta1', missingPath);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(missingPath);
    expect(missing.out).toBe('');
    const notX12 = await run('ta1', notX12Path);
    expect(notX12.code).toBe(2);
    expect(notX12.err).toContain('no interchange to acknowledge');
    expect(notX12.out).toBe('');
  });

  it('ta1 needs exactly one file', async () => {
    expect((await run('ta1')).code).toBe(2);
    expect((await run('ta1', cleanPath, cleanPath)).code).toBe(2);
  });
});

describe('x12d demo, help and unknown commands', () => {
  it('demo reads every bundled sample as expected and exits 0', async () => {
    const r = await run('demo');
    expect(r.out).toContain('All samples read and validated as expected.');
    for (const rel of sampleFiles()) expect(r.out).toContain(rel);
    for (const rel of validSamples()) expect(r.out).toMatch(new RegExp(`${rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+valid:`));
    expect(r.out).not.toContain('UNEXPECTED');
    expect(r.code).toBe(0);
  });

  it('help prints the usage and exits 0; no command exits 2; an unknown command exits 2', async () => {
    const help = await run('help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage:');
    expect(help.out).toContain('x12d inspect FILE');
    expect((await run('--help')).code).toBe(0);
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.out).toContain('Usage:');
    const bad = await run('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command "frobnicate"');
  });
});

describe('fixture files used above are what they claim', () => {
  it('clean.x12 is clean and findings.x12 is not', async () => {
    const { readX12 } = await import('../../src/x12/reader.js');
    expect((await readX12(cleanPath)).findings).toEqual([]);
    expect((await readX12(findingsPath)).findings.map((f) => f.code)).toEqual(['SE_COUNT_MISMATCH']);
    expect(toBuffer(x12()).length).toBeGreaterThan(106);
  });
});
