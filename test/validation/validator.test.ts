/**
 * validateX12: SNIP level filtering, guide choice (unknown guides, the 278 request and response told apart
 * by BHT02), streaming many sets with their control numbers, the findings cap, and the claim a finding is
 * in (CLM01) without PHI in any message.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import type { SnipLevel } from '../../src/edits/types.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { type TransactionVerdict, type ValidationFinding, validateX12 } from '../../src/validation/validator.js';
import { edit, segments, text } from '../edits/helpers.js';

const P837 = segments('837p/professional-claims.x12');
const Q278 = segments('278req/authorization-request.x12');
const S278 = segments('278resp/authorization-certified.x12');

async function validate(segs: readonly string[], level: SnipLevel = 5, extra: { maxFindings?: number } = {}) {
  return validateX12(Buffer.from(text(segs), 'latin1'), { registry: defaultRegistry(), edits: DEFAULT_EDITS, level, ...extra });
}

const all = (v: { transactions: readonly TransactionVerdict[] }): ValidationFinding[] => v.transactions.flatMap((t) => t.findings);
const brief = (f: ValidationFinding) => `${f.level} ${f.code} ${f.segmentId}@${f.position}${f.element ? ` ${f.element}` : ''}`;

const CLM1 = 'CLM*PMC24031501*2150***24:B:1*Y*A*Y*Y';
/** One defect per SNIP level, each in a different claim or loop. */
const EVERY_LEVEL = edit(
  P837,
  { replace: CLM1, with: 'CLM*PMC24031501-2024-03-11-DESERT-SPINE-LUMBAR*2151***24:B:1*Y*A*Y*Y' }, // 1: CLM01 too long; 3: CLM02 off
  { replace: 'SV1*HC:64493:50:KX*1200*UN*1***1', with: 'SV1*HC:64493:50:KX*1200*XX*1***1' }, // 2: SV103 code
  { delete: 'REF*F8*2024055000123' }, // 4: replacement without F8
  { replace: 'HI*ABK:M5416*ABF:M5116', with: 'HI*ABK:M54.16*ABF:M5116' }, // 5: ICD-10 with a point
);

describe('SNIP level filtering', () => {
  it('reports each level only up to the level asked for', async () => {
    const byLevel: Record<number, string[]> = {};
    for (const level of [1, 2, 3, 4, 5] as SnipLevel[]) {
      const v = await validate(EVERY_LEVEL, level);
      byLevel[level] = all(v).map(brief).sort();
      expect(all(v).every((f) => f.level <= level), `level ${level}`).toBe(true);
      expect(v.transactions[0].findingCount).toBe(v.transactions[0].findings.length);
      expect(v.valid).toBe(false);
    }
    const l1 = ['1 5 CLM@19 1'];
    const l2 = [...l1, '2 7 SV1@53 3'];
    const l3 = [...l2, '3 CLAIM_CHARGE_BALANCE CLM@19 2'];
    const l4 = [...l3, '4 ORIGINAL_CLAIM_NUMBER_MISSING CLM@67 5'];
    const l5 = [...l4, '5 ICD10_SHAPE HI@22 1'];
    expect([byLevel[1], byLevel[2], byLevel[3], byLevel[4], byLevel[5]]).toEqual([l1, l2, l3, l4, l5].map((l) => [...l].sort()));
  });

  it('level 1 shows only syntax: lengths, characters, dates, not-in-set segments; not codes, usage or order', async () => {
    const segs = edit(
      P837,
      { replace: 'DMG*D8*19700512*F', with: 'DMG*D8*19700512*X' }, // 2: code
      { replace: 'N3*742 WILLOW BEND LN', with: 'N3*742 WILLOW BEND LN*APT 1*X' }, // 1: too many elements
      { after: 'REF*G1*AHP2402280417', insert: 'PLB*1648120396*20241231*WO*1' }, // 1: not in the 837P
      { delete: 'DTP*472*D8*20240311', nth: 1 }, // 2: required segment missing
      { replace: 'BHT*0019*00*DSPC20240320A*20240320*1430*CH', with: 'BHT*0019*00*DSPC20240320A*20240320*1490*CH' }, // 1: time
    );
    const l1 = all(await validate(segs, 1));
    expect(l1.map(brief)).toEqual(['1 9 BHT@2 5', '1 3 N3@15 3', '1 6 PLB@22']);
    const l2 = all(await validate(segs, 2));
    expect(l2.map(brief).filter((f) => f.startsWith('2 '))).toEqual(['2 7 DMG@17 3', '2 3 DTP@31']);
  });
});

describe('choosing the guide', () => {
  it('a set with no known guide gets one finding with IK5 1 and no guide', async () => {
    const segs = P837.map((s) => s.replaceAll('005010X222A1', '005010X999'));
    const v = await validate(segs);
    expect(v.transactions).toHaveLength(1);
    const t = v.transactions[0];
    expect(t).toMatchObject({ set: '837', guide: '005010X999', guideUsed: null, control: '0001', valid: false, findingCount: 1 });
    expect(t.findings).toHaveLength(1);
    expect(t.findings[0]).toMatchObject({ level: 1, severity: 'error', code: '1', ik5: '1', segmentId: 'ST', position: 1, element: 3 });
    expect(t.findings[0].message).toContain('No implementation guide is known for transaction set 837 with version "005010X999"');
    expect(v.valid).toBe(false);
    // Even at level 1.
    expect(all(await validate(segs, 1)).map((f) => f.ik5)).toEqual(['1']);
  });

  it('an unknown set id with a known version has no guide either', async () => {
    const segs = edit(P837, { replace: 'ST*837*0001*005010X222A1', with: 'ST*838*0001*005010X222A1' });
    const t = (await validate(segs)).transactions[0];
    expect(t.guideUsed).toBeNull();
    expect(t.findings.map((f) => f.ik5)).toEqual(['1']);
  });

  it('uses GS08 when ST03 is absent (the 835)', async () => {
    const v = await validate(segments('835/remittance.x12'));
    expect(v.transactions[0]).toMatchObject({ set: '835', guideUsed: '005010X221A1', valid: true });
  });

  it('tells the 278 request from the response by BHT02', async () => {
    const req = await validate(Q278);
    const resp = await validate(S278);
    expect(req.transactions.map((t) => [t.guideUsed, t.valid])).toEqual([['005010X217', true], ['005010X217', true]]);
    expect(resp.transactions.map((t) => [t.guideUsed, t.valid])).toEqual([['005010X217', true]]);
    // The response read as a request (BHT02 13): HCR is not part of the request guide.
    const asRequest = all(await validate(S278.map((s) => s.replace('BHT*0007*11*', 'BHT*0007*13*'))));
    expect(asRequest.filter((f) => f.segmentId === 'HCR').map(brief)).toEqual(['1 6 HCR@14', '1 6 HCR@21', '1 6 HCR@27']);
    // The request read as a response (BHT02 11): the response's requester loop has no N3, N4 or PER.
    const asResponse = all(await validate(Q278.map((s) => s.replace('BHT*0007*13*', 'BHT*0007*11*'))));
    expect(asResponse.map(brief)).toEqual(['2 2 N3@7', '2 2 N4@8', '2 2 PER@9', '2 2 N3@7', '2 2 N4@8', '2 2 PER@9']);
    // BHT02 01 (cancellation) is a request too.
    expect((await validate(Q278.map((s) => s.replace('BHT*0007*13*', 'BHT*0007*01*')))).valid).toBe(true);
  });
});

describe('streaming', () => {
  /** One group of `n` 837P sets (the sample's set, renumbered); sets in `bad` get an invalid SV103 code. */
  function manySets(n: number, bad: ReadonlySet<number>): string[] {
    const st = P837.findIndex((s) => s.startsWith('ST*'));
    const se = P837.findIndex((s) => s.startsWith('SE*'));
    const set = P837.slice(st, se + 1);
    const out = P837.slice(0, st);
    for (let i = 1; i <= n; i++) {
      const control = String(i).padStart(4, '0');
      for (const s of set) {
        let seg = s.startsWith('ST*') ? `ST*837*${control}*005010X222A1` : s.startsWith('SE*') ? `SE*84*${control}` : s;
        if (bad.has(i) && seg === 'SV1*HC:64484:LT*700*UN*1***1:2') seg = 'SV1*HC:64484:LT*700*XX*1***1:2';
        out.push(seg);
      }
    }
    out.push(`GE*${n}*1001`, 'IEA*1*000001001');
    return out;
  }

  it('judges many sets one at a time, in order, each with its control numbers', async () => {
    const bad = new Set([17, 150, 299]);
    const file = Buffer.from(text(manySets(300, bad)), 'latin1');
    const seen: TransactionVerdict[] = [];
    const v = await validateX12(file, { registry: defaultRegistry(), edits: DEFAULT_EDITS, keepTransactions: false, onTransaction: (t) => seen.push(t) });
    expect(v.transactions).toEqual([]);
    expect(v.envelope.findings).toEqual([]);
    expect(seen).toHaveLength(300);
    expect(seen.map((t) => t.control)).toEqual(Array.from({ length: 300 }, (_, i) => String(i + 1).padStart(4, '0')));
    expect(seen.every((t) => t.groupControl === '1001' && t.interchangeControl === '000001001' && t.functionalId === 'HC' && t.set === '837')).toBe(true);
    const invalid = seen.filter((t) => !t.valid);
    expect(invalid.map((t) => t.control)).toEqual(['0017', '0150', '0299']);
    for (const t of invalid) expect(t.findings.map((f) => `${brief(f)} ${f.loop} ${f.claim}`)).toEqual(['2 7 SV1@33 3 2400 PMC24031501']);
    expect(v.valid).toBe(false);
  });

  it('gives the same verdicts for a stream of small chunks as for the whole buffer', async () => {
    const file = Buffer.from(text(manySets(12, new Set([5]))), 'latin1');
    async function* chunks(size: number) {
      for (let i = 0; i < file.length; i += size) yield file.subarray(i, i + size);
    }
    const whole = await validateX12(file, { registry: defaultRegistry(), edits: DEFAULT_EDITS });
    const strip = (ts: readonly TransactionVerdict[]) => ts.map((t) => ({ control: t.control, valid: t.valid, findings: t.findings.map((f) => ({ ...f })) }));
    for (const size of [1, 7, 4096]) {
      const streamed = await validateX12(chunks(size), { registry: defaultRegistry(), edits: DEFAULT_EDITS });
      expect(strip(streamed.transactions), `chunks of ${size}`).toEqual(strip(whole.transactions));
    }
    expect(whole.transactions.filter((t) => !t.valid).map((t) => t.control)).toEqual(['0005']);
  });
});

describe('the findings cap', () => {
  it('keeps at most maxFindings per set but counts them all', async () => {
    const segs = P837.map((s) => (s.startsWith('SV1*') ? s.replace('*UN*', '*XX*') : s));
    const full = (await validate(segs)).transactions[0];
    expect(full.findings.map(brief)).toEqual(['2 7 SV1@29 3', '2 7 SV1@33 3', '2 7 SV1@53 3', '2 7 SV1@57 3', '2 7 SV1@77 3', '2 7 SV1@81 3']);
    const capped = (await validate(segs, 5, { maxFindings: 3 })).transactions[0];
    expect(capped.findings.map(brief)).toEqual(full.findings.slice(0, 3).map(brief));
    expect(capped.findingCount).toBe(6);
    expect(capped.valid).toBe(false);
    const none = (await validate(segs, 5, { maxFindings: 0 })).transactions[0];
    expect(none.findings).toEqual([]);
    expect(none.findingCount).toBe(6);
  });
});

describe('the claim a finding is in', () => {
  const PHI = ['DOE', 'JANE', 'SMITH', 'ROBERT', 'MARIA', 'BROWN', 'HELEN', 'W123456789', 'W987654321', 'W246813579', '742 WILLOW BEND', 'MESQUITE', 'OCOTILLO', '19700512', '19740923', '19580217'];
  const LONG_NAME = 'DOE-WITH-A-VERY-LONG-FAMILY-NAME-THAT-GOES-ON-AND-ON-AND-ON-AND';
  const LONG_PCN = 'PMC24031501-2024-03-11-DESERT-SPINE-LUMBAR';
  const segs = edit(
    P837,
    { replace: 'NM1*IL*1*DOE*JANE*M***MI*W123456789', with: `NM1*IL*1*${LONG_NAME}*JANE*M***MI*W123456789` }, // 2010BA: no claim yet
    { replace: CLM1, with: CLM1.replace('PMC24031501', LONG_PCN) }, // CLM01 too long
    { replace: 'SV1*HC:64483:LT*1450*UN*1***1:2', with: 'SV1*HC:64483:LT*1450*XX*1***1:2' }, // in claim 1
    { replace: 'NM1*QC*1*SMITH*MARIA*L', with: 'NM1*QC*1*SMITH*MARIA*L*****X' }, // 2010CA: too many elements, no claim (new HL)
    { replace: 'DMG*D8*19740923*F', with: 'DMG*D8*1974092319740923197409231974092319740923*F' }, // 2010CA DMG02 too long
    { replace: 'SV1*HC:64494:50:KX*600*UN*1***1', with: 'SV1*HC:64494:50:KX*600*UN*1***9' }, // claim 2: pointer (level 4)
    { replace: 'N3*3150 OCOTILLO RD', with: 'N3*3150 OCOTILLO RD*APARTMENT NUMBER ONE HUNDRED AND TWENTY THREE OF THE OCOTILLO TOWERS' }, // too long
  );

  it('carries CLM01 on findings inside a claim, and nothing outside one', async () => {
    const f = all(await validate(segs));
    expect(f.map((x) => `${brief(x)} ${x.loop} ${x.claim ?? '-'}`)).toEqual([
      '1 5 NM1@14 3 2010BA -',
      `1 5 CLM@19 1 2300 ${LONG_PCN}`,
      `2 7 SV1@29 3 2400 ${LONG_PCN}`,
      '1 3 NM1@44 10 2010CA -',
      '1 5 DMG@47 2 2010CA -',
      // Too long for DMG02, and not a date either.
      '5 DATE_NOT_REAL DMG@47 2 2010CA -',
      '4 DIAGNOSIS_POINTER_INVALID SV1@57 7 2400 PMC24031502',
      '1 5 N3@63 2 2010BA -',
    ]);
  });

  it('never puts a name, an address, a birth date, a member id or a claim number in a message', async () => {
    const f = all(await validate(segs));
    expect(f.length).toBeGreaterThan(5);
    const values = [...PHI, LONG_NAME, LONG_PCN, 'PMC24031501', 'PMC24031502', 'PMC24022003', 'APARTMENT NUMBER', '1974092319740923'];
    for (const x of f) for (const v of values) expect(x.message, `${brief(x)}: ${x.message}`).not.toContain(v);
    // The bad values are kept apart, for the 999 back to the sender only.
    expect(f.find((x) => x.segmentId === 'CLM')?.badValue).toBe(LONG_PCN);
  });

  it('a finding detected when the next claim starts belongs to the claim it is about (src bug: validator.ts sets the new CLM01 before placing the segment)', async () => {
    // Two claims under the first subscriber; the first claim's last line loses its service date, which the
    // loop tree can only notice when the second claim's CLM arrives.
    const start = P837.indexOf(CLM1);
    const end = P837.indexOf('REF*6R*PMC24031501L2');
    // The first claim without its last line's DTP*472 and REF*6R: the line ends with SV1.
    const first = P837.slice(start, end - 1);
    expect(first[first.length - 1]).toBe('SV1*HC:64484:LT*700*UN*1***1:2');
    const second = P837.slice(start, end + 1).map((s) => s.replaceAll('PMC24031501', 'PMC24031599'));
    const two = edit([...P837.slice(0, start), ...first, ...second, ...P837.slice(end + 1)]);
    const f = all(await validate(two));
    expect(f.map((x) => `${brief(x)} ${x.loop} ${x.claim ?? '-'}`)).toEqual(['2 3 DTP@34 2400 PMC24031501']);
  });
});

describe('envelope findings about a set', () => {
  it('an SE count error becomes the set\'s IK5 4 finding', async () => {
    const segs = P837.map((s) => (s === 'SE*84*0001' ? 'SE*85*0001' : s));
    const v = await validateX12(Buffer.from(text(segs), 'latin1'), { registry: defaultRegistry(), edits: DEFAULT_EDITS });
    expect(v.envelope.findings).toEqual([]);
    const t = v.transactions[0];
    expect(t.findings.map((f) => `${f.level} ${f.code} ${f.ik5} ${f.rule}`)).toEqual(['1 4 4 SE_COUNT_MISMATCH']);
    expect(t.valid).toBe(false);
    expect(v.valid).toBe(false);
  });

  it('a duplicate ST control number makes the second set (and the file) invalid with IK5 23 (src bug: the finding arrives before the set is opened and is lost)', async () => {
    const dup = Q278.map((s) => s.replace('ST*278*0002*', 'ST*278*0001*').replace('SE*34*0002', 'SE*34*0001'));
    const v = await validateX12(Buffer.from(text(dup), 'latin1'), { registry: defaultRegistry(), edits: DEFAULT_EDITS });
    expect(v.transactions.map((t) => t.findings.map((f) => f.ik5))).toEqual([[], ['23']]);
    expect(v.valid).toBe(false);
  });
});
