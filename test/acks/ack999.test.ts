/**
 * x12d's 999 (and TA1) for validated files. Every acknowledgment built here is itself checked: it must
 * validate clean against the 999 guide (005010X231A1) and parse in node-x12's strict mode.
 */
import { X12FatInterchange, type X12Interchange, X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { buildAcknowledgments, groupAcknowledgments } from '../../src/acks/ack999.js';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { type FileValidation, validateX12 } from '../../src/validation/validator.js';
import { buildFile } from '../x12/fixtures.js';
import { edit, segments, text } from '../edits/helpers.js';

const P837 = segments('837p/professional-claims.x12');
const Q278 = segments('278req/authorization-request.x12');
const WHEN = new Date(Date.UTC(2024, 2, 20, 15, 2));

/** What `x12d ack` does: validate at SNIP level 2 (the 999 is the syntax and guide answer), then acknowledge. */
async function acknowledge(input: string | Buffer): Promise<{ v: FileValidation; ack: string; segs: string[] }> {
  const buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const v = await validateX12(buf, { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 2 });
  const ack = await buildAcknowledgments(v, { date: WHEN });
  return { v, ack, segs: ack.split('~').map((s) => s.trim()).filter(Boolean) };
}

/** The checks every generated acknowledgment must pass. */
async function expectWellFormed(ack: string): Promise<void> {
  expect(ack).not.toBe('');
  const v = await validateX12(Buffer.from(ack, 'latin1'), { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
  expect(v.envelope.findings.map((f) => `${f.code}: ${f.message}`)).toEqual([]);
  for (const t of v.transactions) {
    expect(t.set).toBe('999');
    expect(t.guideUsed).toBe('005010X231A1');
    expect(t.findings.map((f) => `${f.code} ${f.segmentId}@${f.position} ${f.element}: ${f.message}`), `999 ${t.control}`).toEqual([]);
  }
  expect(v.valid).toBe(true);
  // node-x12 (strict) does not know the interchange-level TA1 segment, so it reads the interchange without
  // it; and it cannot read an interchange with no functional group at all (a lone TA1).
  if (v.transactions.length === 0) return;
  const forNodeX12 = ack.split('~').filter((s) => !s.trim().startsWith('TA1*')).join('~');
  const parsed = new X12Parser(true).parse(forNodeX12);
  const interchanges: X12Interchange[] = parsed instanceof X12FatInterchange ? Array.from({ length: parsed.interchanges.length }, (_, i) => parsed.interchanges[i]) : [parsed as X12Interchange];
  const sets = interchanges.flatMap((i) => i.functionalGroups.flatMap((g) => g.transactions));
  expect(sets.length).toBe(v.transactions.length);
  for (const s of sets) expect(s.header.valueOf(1)).toBe('999');
}

/** The 999 body (ST to SE) of the nth 999 in the acknowledgment. */
function body(segs: readonly string[], nth = 1): string[] {
  let seen = 0;
  let start = -1;
  for (let i = 0; i < segs.length; i++) {
    if (segs[i].startsWith('ST*999*') && ++seen === nth) start = i;
    if (start >= 0 && segs[i].startsWith('SE*')) return segs.slice(start, i + 1);
  }
  throw new Error(`no 999 number ${nth}`);
}

describe('999 for a clean file', () => {
  it('accepts the set and the group, sender and receiver swapped', async () => {
    const { ack, segs } = await acknowledge(text(P837));
    expect(segs).toEqual([
      'ISA*00*          *00*          *ZZ*AHP01          *ZZ*DSPC0001       *240320*1502*^*00501*000000001*0*P*:',
      'GS*FA*AHP01*DSPC0001*20240320*1502*1*X*005010X231A1',
      'ST*999*0001*005010X231A1',
      'AK1*HC*1001*005010X222A1',
      'AK2*837*0001*005010X222A1',
      'IK5*A',
      'AK9*A*1*1*1',
      'SE*6*0001',
      'GE*1*1',
      'IEA*1*000000001',
    ]);
    await expectWellFormed(ack);
  });

  it('acknowledges every group of every interchange, one interchange back per interchange', async () => {
    const { ack, segs } = await acknowledge(text(segments('837p/multi-interchange.x12')));
    expect(segs.filter((s) => s.startsWith('ISA*'))).toHaveLength(2);
    expect(segs.filter((s) => s.startsWith('AK1*')).map((s) => s.split('*')[2])).toEqual(['201', '202', '203']);
    expect(segs.filter((s) => s.startsWith('GS*'))).toHaveLength(2);
    expect(segs.filter((s) => s.startsWith('AK9*'))).toEqual(['AK9*A*1*1*1', 'AK9*A*1*1*1', 'AK9*A*1*1*1']);
    await expectWellFormed(ack);
  });

  it('names the guide used for an 835 without ST03', async () => {
    const { ack, segs } = await acknowledge(text(segments('835/remittance.x12')));
    expect(body(segs)).toEqual(['ST*999*0001*005010X231A1', 'AK1*HP*5105*005010X221A1', 'AK2*835*0001*005010X221A1', 'IK5*A', 'AK9*A*1*1*1', 'SE*6*0001']);
    await expectWellFormed(ack);
  });
});

describe('999 for element and segment errors', () => {
  const withErrors = edit(
    P837,
    { replace: 'SV1*HC:64483:LT*1450*UN*1***1:2', with: 'SV1*HC:64483:LT*1450*XX*1***1:2' }, // SV103 code, claim 1
    { replace: 'NM1*82*1*PATEL*ANIL*R***XX*1288405610', with: 'NM1*82*3*PATEL*ANIL*R***XX*1288405610', nth: 1 }, // NM102 code, 2310B
    { replace: 'SV1*HC:64493:50:KX*1200*UN*1***1', with: 'SV1*ZZ:64493:50:KX*1200*UN*1***1' }, // SV101-1 code, claim 2
    { delete: 'DTP*472*D8*20240213', nth: 2 }, // required segment, claim 3 (noticed at the REF*6R after it)
  );

  it('writes one IK3 per segment in error with its loop (4 characters), the claim in CTX and the IK4s', async () => {
    const { ack, segs } = await acknowledge(text(withErrors));
    expect(body(segs)).toEqual([
      'ST*999*0001*005010X231A1',
      'AK1*HC*1001*005010X222A1',
      'AK2*837*0001*005010X222A1',
      'IK3*NM1*23*2310*8',
      'CTX*CLM01:PMC24031501',
      'IK4*2*1065*7*3',
      'IK3*SV1*29*2400*8',
      'CTX*CLM01:PMC24031501',
      'IK4*3*355*7*XX',
      'IK3*SV1*53*2400*8',
      'CTX*CLM01:PMC24031502',
      'IK4*1:1*235*7*ZZ',
      'IK3*DTP*82*2400*3',
      'CTX*CLM01:PMC24022003',
      'IK5*R*5',
      'AK9*R*1*1*0',
      'SE*17*0001',
    ]);
    await expectWellFormed(ack);
  });

  it('writes the repetition of a repeated element, and no bad value where there is none', async () => {
    const e270 = edit(segments('270/eligibility-inquiry.x12'), { replace: 'DMG*D8*19700512*F', with: 'DMG*D8*19700512*F^M' }, { replace: 'EQ*30', with: 'EQ*30^ZZ', nth: 1 }, { replace: 'HL*2*1*21*1', with: 'HL*2*1*21' });
    const { ack, segs } = await acknowledge(text(e270));
    expect(body(segs).slice(3, -3)).toEqual(['IK3*HL*5*2000*8', 'IK4*4*736*1', 'IK3*DMG*10*2100*8', 'IK4*3::2*1068*12', 'IK3*EQ*12*2110*8', 'IK4*1::2*1365*7*ZZ']);
    await expectWellFormed(ack);
  });

  it('strips delimiters and control characters from the copied bad value', async () => {
    const segs = edit(P837, { replace: 'SV1*HC:64483:LT*1450*UN*1***1:2', with: 'SV1*HC:64483:LT*1450*X:X*1***1:2' }, { replace: 'SV1*HC:64484:LT*700*UN*1***1:2', with: 'SV1*HC:64484:LT*700*U\u0001N*1***1:2' });
    const { ack, segs: out } = await acknowledge(text(segs));
    expect(out.filter((s) => s.startsWith('IK4*'))).toEqual(['IK4*3*355*13*XX', 'IK4*3*355*6*UN']);
    await expectWellFormed(ack);
  });

  it('rejects only the set in error: one accepted, one rejected is AK9*P', async () => {
    const segs = edit(Q278, { replace: 'UM*HS*I*2*22:B**E', with: 'UM*HS*Z*2*22:B**E' });
    const { ack, segs: out } = await acknowledge(text(segs));
    expect(body(out)).toEqual([
      'ST*999*0001*005010X231A1',
      'AK1*HI*102*005010X217',
      'AK2*278*0001*005010X217',
      'IK5*A',
      'AK2*278*0002*005010X217',
      'IK3*UM*15*2000*8',
      'IK4*2*1322*7*Z',
      'IK5*R*5',
      'AK9*P*2*2*1',
      'SE*10*0001',
    ]);
    await expectWellFormed(ack);
  });

  it('an SE count error rejects the set with IK5*R*4', async () => {
    const segs = P837.map((s) => (s === 'SE*84*0001' ? 'SE*83*0001' : s));
    const { ack, segs: out } = await acknowledge(text(segs));
    expect(body(out).slice(3)).toEqual(['IK5*R*4', 'AK9*R*1*1*0', 'SE*6*0001']);
    await expectWellFormed(ack);
  });

  it('a set with no known guide is rejected with IK5*R*1', async () => {
    const segs = P837.map((s) => s.replaceAll('005010X222A1', '005010X999'));
    const { ack, segs: out } = await acknowledge(text(segs));
    expect(body(out)).toEqual(['ST*999*0001*005010X231A1', 'AK1*HC*1001*005010X999', 'AK2*837*0001*005010X999', 'IK5*R*1', 'AK9*R*1*1*0', 'SE*6*0001']);
    await expectWellFormed(ack);
  });

  it('every invalid sample gets a 999 that is itself valid', async () => {
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { SAMPLES } = await import('../x12/fixtures.js');
    for (const set of readdirSync(join(SAMPLES, 'invalid'))) {
      if (set.includes('.') || set === '999') continue;
      for (const f of readdirSync(join(SAMPLES, 'invalid', set))) {
        const { ack } = await acknowledge(text(segments(`invalid/${set}/${f}`)));
        await expect(expectWellFormed(ack), `${set}/${f}`).resolves.toBeUndefined();
      }
    }
  });
});

describe('999 length limits, references and set errors', () => {
  it('IK402 holds a data element number only: not a composite id like C023 (src bug: ack999.ts copies the composite ref)', async () => {
    const { ack, segs } = await acknowledge(text(segments('invalid/278resp/um04-three-components.x12')));
    expect(segs.filter((s) => s.startsWith('IK4*'))).toEqual(['IK4*4:3**13*1']);
    await expectWellFormed(ack);
  });

  it('CTX01-2 holds at most 35 characters, even for a 38-character CLM01', async () => {
    const pcn = 'PMC24031501-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    expect(pcn).toHaveLength(38);
    const segs = edit(P837, { replace: 'CLM*PMC24031501*2150***24:B:1*Y*A*Y*Y', with: `CLM*${pcn}*2150***24:B:1*Y*A*Y*Y` }, { replace: 'SV1*HC:64483:LT*1450*UN*1***1:2', with: 'SV1*HC:64483:LT*1450*XX*1***1:2' });
    const { v, ack, segs: out } = await acknowledge(text(segs));
    expect(v.transactions[0].findings.map((f) => f.claim)).toEqual([pcn]);
    for (const ctx of out.filter((s) => s.startsWith('CTX*'))) expect(ctx.split('*')[1].split(':')[1].length, ctx).toBeLessThanOrEqual(35);
    expect(out.filter((s) => s.startsWith('IK4*'))).toEqual(['IK4*3*355*7*XX']);
    await expectWellFormed(ack);
  });

  it('a duplicate ST control number rejects the second set with IK5*R*23 (src bug: validator.ts loses the finding)', async () => {
    const dup = Q278.map((s) => s.replace('ST*278*0002*', 'ST*278*0001*').replace('SE*34*0002', 'SE*34*0001'));
    const { ack, segs } = await acknowledge(text(dup));
    expect(segs.filter((s) => s.startsWith('IK5*'))).toEqual(['IK5*A', 'IK5*R*23']);
    expect(segs.find((s) => s.startsWith('AK9*'))).toBe('AK9*P*2*2*1');
    await expectWellFormed(ack);
  });
});

describe('what is not acknowledged, and the TA1', () => {
  it('acknowledgments are never acknowledged: a 999 file gets nothing back', async () => {
    for (const f of ['999/ack-accepted.x12', '999/ack-rejected.x12', '999/ack-partial.x12']) expect((await acknowledge(text(segments(f)))).ack, f).toBe('');
  });

  it('an interchange with an FA group and an HC group gets a 999 for the HC group only', async () => {
    const file = buildFile({
      lineEnding: '\n',
      interchanges: [
        {
          groups: [
            { functionalId: 'FA', version: '005010X231A1', control: '11', transactions: [{ set: '999', body: ['AK1*HC*1001*005010X222A1', 'AK2*837*0001*005010X222A1', 'IK5*A', 'AK9*A*1*1*1'] }] },
            { functionalId: 'HC', version: '005010X222A1', control: '12', transactions: [{ set: '837', body: P837.slice(P837.indexOf('BHT*0019*00*DSPC20240320A*20240320*1430*CH'), P837.indexOf('SE*84*0001')) }] },
          ],
        },
      ],
    });
    const { v, ack, segs } = await acknowledge(file.buf);
    expect(v.transactions.map((t) => [t.set, t.valid])).toEqual([['999', true], ['837', true]]);
    expect(segs.filter((s) => s.startsWith('AK1*'))).toEqual(['AK1*HC*12*005010X222A1']);
    expect(segs.filter((s) => s.startsWith('TA1*'))).toEqual([]);
    await expectWellFormed(ack);
    // The judgment per group says the same.
    expect(groupAcknowledgments(v)[0].groups.map((g) => [g.group.functionalId, g.code])).toEqual([['FA', 'A'], ['HC', 'A']]);
  });

  it('includes a TA1 (accepted, 000) when the sender asked for one (ISA14 = 1)', async () => {
    const segs = P837.map((s) => (s.startsWith('ISA*') ? s.replace('*000001001*0*P*', '*000001001*1*P*') : s));
    const { ack, segs: out } = await acknowledge(text(segs));
    expect(out.slice(0, 3).map((s) => s.split('*')[0])).toEqual(['ISA', 'TA1', 'GS']);
    expect(out[1]).toBe('TA1*000001001*240320*1430*A*000');
    expect(out.filter((s) => s.startsWith('IK5*'))).toEqual(['IK5*A']);
    await expectWellFormed(ack);
  });

  it('a 999 file with ISA14 = 1 gets a TA1 alone (no group)', async () => {
    const segs = segments('999/ack-accepted.x12').map((s) => (s.startsWith('ISA*') ? s.replace('*000005106*0*P*', '*000005106*1*P*') : s));
    const { ack, segs: out } = await acknowledge(text(segs));
    expect(out.map((s) => s.split('*')[0])).toEqual(['ISA', 'TA1', 'IEA']);
    expect(out[1]).toBe('TA1*000005106*240320*1502*A*000');
    expect(out[2]).toBe('IEA*0*000000001');
    expect((await validateX12(Buffer.from(ack, 'latin1'), { registry: defaultRegistry() })).envelope.findings).toEqual([]);
  });

  it('includes a TA1 when the envelope is broken: R for a control number that does not tie up, E for a bad ISA date', async () => {
    const mismatch = P837.map((s) => (s.startsWith('IEA*') ? 'IEA*1*000001002' : s));
    const a = await acknowledge(text(mismatch));
    expect(a.segs[1]).toBe('TA1*000001001*240320*1430*R*001');
    // A rejected interchange is answered by its TA1 alone.
    expect(a.segs.some((s) => s.startsWith('ST*999'))).toBe(false);
    await expectWellFormed(a.ack);
    const badDate = P837.map((s) => (s.startsWith('ISA*') ? s.replace('*240320*1430*', '*240231*1430*') : s));
    const b = await acknowledge(text(badDate));
    expect(b.segs[1]).toBe('TA1*000001001*240231*1430*E*014');
    expect(b.segs.filter((s) => s.startsWith('IK5*'))).toEqual(['IK5*A']);
    await expectWellFormed(b.ack);
  });

  it('reports a group-level error in AK9 (GE01 that does not count the sets)', async () => {
    const segs = P837.map((s) => (s.startsWith('GE*') ? 'GE*2*1001' : s));
    const { ack, segs: out } = await acknowledge(text(segs));
    expect(out.find((s) => s.startsWith('AK9*'))).toBe('AK9*R*1*1*1*5');
    await expectWellFormed(ack);
  });
});
