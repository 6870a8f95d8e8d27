/**
 * SNIP 5 external code sets: NPI check digits, ICD-10-CM, CPT/HCPCS and modifier shapes, the code lists in
 * config/codes (CARC, RARC, place of service, claim status; deactivated codes judged by the group date;
 * partial lists never flag an unknown code) and real DTP dates.
 */
import { describe, expect, it } from 'vitest';
import { CPT_HCPCS, ICD10_CM, MODIFIER, externalCodeSets, isValidNpi } from '../../src/edits/code-sets.js';
import { loadCodeList } from '../../src/edits/code-lists.js';
import { prng } from '../x12/fixtures.js';
import { edit, findings, rules, segments } from './helpers.js';

const P837 = segments('837p/professional-claims.x12');
const R835 = segments('835/remittance.x12');
const A277 = segments('277ca/claim-acknowledgment.x12');
const S278 = segments('278resp/authorization-certified.x12');

/** Independent oracle: the ISO/IEC 7812 Luhn check over "80840" + the NPI, as CMS defines it. */
function luhnNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits[i];
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

describe('NPI check digit', () => {
  it('accepts known valid NPIs', () => {
    // CMS's published example, and the NPIs of the samples.
    for (const npi of ['1234567893', '1648120396', '1288405610', '1533902742', '1877264105', '1422150981']) {
      expect(isValidNpi(npi), npi).toBe(true);
      expect(luhnNpi(npi), npi).toBe(true);
    }
  });

  it('rejects a wrong check digit, a wrong length, a first digit other than 1 or 2, and non-digits', () => {
    for (const npi of ['1234567890', '1234567894', '1648120397', '123456789', '12345678931', '3234567893', '0234567893', '12345678A3', '', ' 1234567893', '1234567893 ']) expect(isValidNpi(npi), npi).toBe(false);
  });

  it('agrees with an independent Luhn check on random NPIs', () => {
    const rand = prng(20240320);
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      const npi = `${1 + Math.floor(rand() * 2)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      expect(isValidNpi(npi), npi).toBe(luhnNpi(npi));
      if (luhnNpi(npi)) valid++;
    }
    // About one in ten random numbers has the right check digit.
    expect(valid).toBeGreaterThan(350);
    expect(valid).toBeLessThan(650);
  });

  it('every one of the ten last digits is right for exactly one NPI stem', () => {
    for (const stem of ['123456789', '164812039', '299999999', '100000000']) {
      const ok = Array.from({ length: 10 }, (_, d) => isValidNpi(`${stem}${d}`)).filter(Boolean);
      expect(ok, stem).toHaveLength(1);
    }
  });
});

describe('code shapes', () => {
  it('ICD-10-CM: a letter, a digit, then 1 to 5 letters or digits; no decimal point', () => {
    for (const ok of ['M5416', 'M47816', 'M54', 'E119', 'S72001A', 'Z20822', 'U071', 'C7A010', 'Z3A20']) expect(ICD10_CM.test(ok), ok).toBe(true);
    for (const bad of ['M54.16', 'M5', '5416', 'MM54', 'M541612A', 'm5416', 'M54 16', '']) expect(ICD10_CM.test(bad), bad).toBe(false);
  });

  it('CPT: five digits, or four digits and F, T or U; HCPCS Level II: a letter A-V and four digits', () => {
    for (const ok of ['99213', '64483', '0001F', '0042T', '0001U', 'J1030', 'A0428', 'V2020', 'G0283']) expect(CPT_HCPCS.test(ok), ok).toBe(true);
    for (const bad of ['9921', '992133', '6448X', 'W1234', 'Z9999', 'j1030', 'J103', '99213 ', '']) expect(CPT_HCPCS.test(bad), bad).toBe(false);
  });

  it('CPT: multianalyte assay (MAAA) codes end in M, like 0002M (src bug: CPT_HCPCS rejects them)', () => {
    for (const ok of ['0002M', '0004M', '0018M']) expect(CPT_HCPCS.test(ok), ok).toBe(true);
  });

  it('modifiers: two letters or digits', () => {
    for (const ok of ['LT', '25', '59', 'XU', 'F1']) expect(MODIFIER.test(ok), ok).toBe(true);
    for (const bad of ['L', 'LTX', 'lt', 'L-', '']) expect(MODIFIER.test(bad), bad).toBe(false);
  });
});

describe('external code sets in files (EXTERNAL_CODE_SETS)', () => {
  const run = (segs: readonly string[], ...changes: Parameters<typeof edit>[1][]) => rules(edit(segs, ...changes), [externalCodeSets]);

  it('is quiet on the valid samples', async () => {
    for (const segs of [P837, R835, A277, S278]) expect(await run(segs)).toEqual([]);
    expect(externalCodeSets.level).toBe(5);
    expect(externalCodeSets.guides).toEqual(['*']);
  });

  it('NPI_CHECK_DIGIT on NM109 when NM108 is XX, and only then', async () => {
    const billing = 'NM1*85*2*DESERT SPINE AND PAIN CENTER*****XX*1648120396';
    const f = (await findings(edit(P837, { replace: billing, with: billing.replace('396', '397') }), [externalCodeSets])).filter((x) => x.level === 5);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['NPI_CHECK_DIGIT NM1@8 2010AA 9']);
    expect(f[0].message).toBe('NM109 is not a valid NPI: an NPI is 10 digits starting with 1 or 2, and its last digit is a check digit that does not match.');
    // The message never carries the identifier.
    expect(f[0].message).not.toContain('1648120397');
    const payer = 'NM1*PR*2*ACME HEALTH PLAN*****PI*AHP01';
    expect(await run(P837, { replace: payer, with: payer.replace('AHP01', '1648120397'), nth: 1 })).toEqual([]);
  });

  it('ICD10_SHAPE on ICD-10 diagnoses (ABK/ABF), with the decimal point named; ICD-9 (BK/BF) is not shape-checked', async () => {
    const f = (await findings(edit(P837, { replace: 'HI*ABK:M5416*ABF:M5116', with: 'HI*ABK:M54.16*ABF:5116' }), [externalCodeSets])).filter((x) => x.level === 5);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.element}.${x.component}`)).toEqual(['ICD10_SHAPE HI@22 1.2', 'ICD10_SHAPE HI@22 2.2']);
    expect(f[0].message).toBe('HI01-2 is written with a decimal point; X12 carries ICD-10 codes without it.');
    expect(f[1].message).toBe('HI02-2 is not shaped like an ICD-10-CM code (a letter, a digit, then 1 to 5 letters or digits).');
    expect(await run(P837, { replace: 'HI*ABK:M47816', with: 'HI*BK:72400' })).toEqual([]);
  });

  it('PROCEDURE_CODE_SHAPE and MODIFIER_SHAPE on SV1/SVC with HC; other qualifiers are not checked', async () => {
    const line = 'SV1*HC:64483:LT*1450*UN*1***1:2';
    expect(await run(P837, { replace: line, with: line.replace('64483:LT', '6448:lt') })).toEqual(['PROCEDURE_CODE_SHAPE SV1@29 1.2', 'MODIFIER_SHAPE SV1@29 1.3']);
    expect(await run(P837, { replace: line, with: line.replace('HC:64483:LT', 'IV:12') })).toEqual([]);
    expect(await run(R835, { replace: 'SVC*HC:64483:LT*1450*396', with: 'SVC*HC:644830:LT*1450*396' })).toEqual(['PROCEDURE_CODE_SHAPE SVC@22 1.2']);
    expect(await run(S278, { replace: 'SV1*HC:64483:LT**UN*1', with: 'SV1*HC:J1030**UN*1' })).toEqual([]);
  });

  it('PLACE_OF_SERVICE_UNKNOWN on CLM05-1 and SV105', async () => {
    const clm = 'CLM*PMC24031502*1800***11:B:1*Y*A*Y*Y';
    const f = (await findings(edit(P837, { replace: clm, with: clm.replace('11:B', '00:B') }), [externalCodeSets])).filter((x) => x.level === 5);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.element}.${x.component}`)).toEqual(['PLACE_OF_SERVICE_UNKNOWN CLM@48 5.1']);
    expect(f[0].message).toBe('CLM05-1 "00" is not a place of service code (list: CMS Place of Service Codes, effective 2024-05-02).');
    const line = 'SV1*HC:64493:50:KX*1200*UN*1***1';
    expect(await run(P837, { replace: line, with: 'SV1*HC:64493:50:KX*1200*UN*1*36**1' })).toEqual(['PLACE_OF_SERVICE_UNKNOWN SV1@53 5']);
    expect(await run(P837, { replace: line, with: 'SV1*HC:64493:50:KX*1200*UN*1*22**1' })).toEqual([]);
  });

  it('CARC_UNKNOWN on every CAS reason code, unknown or deactivated before the group date', async () => {
    expect(await run(R835, { replace: 'CAS*PR*1*300**2*99**3*25', with: 'CAS*PR*1*300**2*99**Z3*25' })).toEqual(['CARC_UNKNOWN CAS@25 8']);
    const f = (await findings(edit(R835, { replace: 'CAS*PR*2*82', with: 'CAS*PR*25*82' }), [externalCodeSets])).filter((x) => x.level === 5);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['CARC_UNKNOWN CAS@31 2110 2']);
    expect(f[0].message).toBe('CAS02 "25" is a claim adjustment reason code that was deactivated on 2008-04-01 (list: Claim Adjustment Reason Codes (CARC), effective 2026-08-17).');
  });

  it('judges a deactivated code by the functional group date (GS04): valid before its stop date, not on or after', async () => {
    const gs = 'GS*HP*AHP01*DSPC0001*20240412*2210*5105*X*005010X221A1';
    const cas25 = { replace: 'CAS*PR*2*82', with: 'CAS*PR*25*82' };
    expect(await run(R835, cas25, { replace: gs, with: gs.replace('20240412', '20080331') })).toEqual([]);
    expect(await run(R835, cas25, { replace: gs, with: gs.replace('20240412', '20080401') })).toEqual(['CARC_UNKNOWN CAS@31 2']);
  });

  it('RARC_UNKNOWN on LQ*HE and on MOA remark codes; LQ*RX (NCPDP) is not a RARC', async () => {
    expect(await run(R835, { replace: 'LQ*HE*M62', with: 'LQ*HE*N9999', nth: 2 })).toEqual(['RARC_UNKNOWN LQ@48 2']);
    expect(await run(R835, { replace: 'LQ*HE*M62', with: 'LQ*RX*N9999', nth: 2 })).toEqual([]);
    expect(await run(R835, { after: 'NM1*82*1*PATEL*ANIL*R***XX*1288405610', insert: 'MOA***M62*N9999', nth: 1 })).toEqual(['RARC_UNKNOWN MOA@20 4']);
  });

  it('claim status lists are partial: an unknown code is never flagged, a deactivated one is', async () => {
    const stc = 'STC*A3:400*20240320*U*2150';
    expect(loadCodeList('claim-status')?.partial).toBe(true);
    expect(loadCodeList('claim-status-category')?.partial).toBe(true);
    expect(await run(A277, { replace: stc, with: 'STC*Q7:99999*20240320*U*2150' })).toEqual([]);
    const f = (await findings(edit(A277, { replace: stc, with: 'STC*F5:4*20240320*U*2150' }), [externalCodeSets])).filter((x) => x.level === 5);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.element}.${x.component}`)).toEqual(['CLAIM_STATUS_CATEGORY_UNKNOWN STC@38 1.1', 'CLAIM_STATUS_UNKNOWN STC@38 1.2']);
    // STC10/STC11 (further statuses) are checked the same way.
    expect(await run(A277, { replace: stc, with: `${stc}******A3:4` })).toEqual(['CLAIM_STATUS_UNKNOWN STC@38 10.2']);
  });

  it('DATE_NOT_REAL on DTP03: D8 a real CCYYMMDD, RD8 two real dates, the start not after the end', async () => {
    const dtp = { replace: 'DTP*472*D8*20240311', nth: 1 };
    expect(await run(P837, { ...dtp, with: 'DTP*472*D8*20240230' })).toEqual(['DATE_NOT_REAL DTP@30 3']);
    expect(await run(P837, { ...dtp, with: 'DTP*472*D8*240311' })).toEqual(['DATE_NOT_REAL DTP@30 3']);
    expect(await run(P837, { ...dtp, with: 'DTP*472*RD8*20240311-20240311' })).toEqual([]);
    expect(await run(P837, { ...dtp, with: 'DTP*472*RD8*20240311-20240312' })).toEqual([]);
    const f = (await findings(edit(P837, { ...dtp, with: 'DTP*472*RD8*20240312-20240311' }), [externalCodeSets])).filter((x) => x.level === 5);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['DATE_NOT_REAL DTP@30 2400 3']);
    expect(f[0].message).toBe('DTP03 must be a date range CCYYMMDD-CCYYMMDD of real dates, the start not after the end.');
    for (const bad of ['20240311-2024031', '20240311:20240312', '20240229-20240230', '2024031120240312']) expect(await run(P837, { ...dtp, with: `DTP*472*RD8*${bad}` }), bad).toEqual(['DATE_NOT_REAL DTP@30 3']);
    // A leap day is real.
    expect(await run(P837, { ...dtp, with: 'DTP*472*D8*20240229' })).toEqual([]);
  });

  it('DATE_NOT_REAL on DMG02: a birth date in D8 must be a real CCYYMMDD (the guide types it AN, so SNIP 1 cannot)', async () => {
    const dmg = { replace: 'DMG*D8*19700512*F', nth: 1 };
    expect(await run(P837, { ...dmg, with: 'DMG*D8*19701332*F' })).toEqual(['DATE_NOT_REAL DMG@17 2']);
    expect(await run(P837, { ...dmg, with: 'DMG*D8*19700230*F' })).toEqual(['DATE_NOT_REAL DMG@17 2']);
    const f = (await findings(edit(P837, { ...dmg, with: 'DMG*D8*700512*F' }), [externalCodeSets])).filter((x) => x.level === 5);
    expect(f.map((x) => x.message)).toEqual(['DMG02 must be a real date written as CCYYMMDD.']);
    expect(await run(P837, { ...dmg, with: 'DMG*D8*19720229*F' })).toEqual([]);
  });
});
