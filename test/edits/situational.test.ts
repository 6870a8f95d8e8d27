/**
 * SNIP 4 situational rules: replacement and void claims need the payer's claim number (REF*F8 in 2300),
 * the patient loop appears exactly when the patient is not the subscriber, diagnosis pointers point at a
 * diagnosis, the 835 payer has a billing contact, and HL ids count up with known parents.
 */
import { describe, expect, it } from 'vitest';
import { hierarchyRules, professionalClaimRules, remittanceRules } from '../../src/edits/situational.js';
import { edit, findings, rules, segments } from './helpers.js';

const P837 = segments('837p/professional-claims.x12');
const R835 = segments('835/remittance.x12');
const E270 = segments('270/eligibility-inquiry.x12');
const Q278 = segments('278req/authorization-request.x12');
const A277 = segments('277ca/claim-acknowledgment.x12');

const CLM3 = 'CLM*PMC24022003*4275***22:B:7*Y*A*Y*Y';
const F8 = 'REF*F8*2024055000123';
const SBR_SELF = 'SBR*P*18*GRP4410******12';
const SBR_DEP = 'SBR*P**GRP4410******12';

describe('837P replacement and void claims (ORIGINAL_CLAIM_NUMBER_MISSING)', () => {
  const run = (...changes: Parameters<typeof edit>[1][]) => rules(edit(P837, ...changes), [professionalClaimRules]);

  it('is quiet when the replacement carries REF*F8', async () => {
    expect(await run()).toEqual([]);
  });

  it('reports a replacement (7) without REF*F8 on CLM05-3', async () => {
    const f = (await findings(edit(P837, { delete: F8 }), [professionalClaimRules])).filter((x) => x.level === 4);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}.${x.component}`)).toEqual(['ORIGINAL_CLAIM_NUMBER_MISSING CLM@67 2300 5.3']);
    expect(f[0].message).toBe("A replacement claim (CLM05-3 = 7) must carry the payer's original claim number in REF*F8.");
  });

  it('reports a void (8) without REF*F8, and never an original (1)', async () => {
    const f = (await findings(edit(P837, { delete: F8 }, { replace: CLM3, with: CLM3.replace(':7*', ':8*') }), [professionalClaimRules])).filter((x) => x.level === 4);
    expect(f.map((x) => x.message)).toEqual(["A void claim (CLM05-3 = 8) must carry the payer's original claim number in REF*F8."]);
    expect(await run({ delete: F8 }, { replace: CLM3, with: CLM3.replace(':7*', ':1*') })).toEqual([]);
  });

  it('looks for REF*F8 in the claim loop only: the other payer\'s claim number (2330B) does not count', async () => {
    const cob = ['SBR*S*01*GRP9******CI', 'OI***Y***Y', 'NM1*IL*1*BROWN*HELEN****MI*OTH123', 'NM1*PR*2*OTHER PAYER*****PI*OP001', 'REF*F8*OTHERICN1'];
    const withCob = edit(P837, { delete: F8 }, { after: 'N4*PHOENIX*AZ*850181234', insert: cob });
    const all = await findings(withCob, [professionalClaimRules]);
    // The COB loops are placed where the guide has them (no structure findings).
    expect(all.filter((f) => f.level <= 2).map((f) => `${f.code} ${f.segmentId}@${f.position}`)).toEqual([]);
    expect(all.filter((f) => f.level === 4).map((f) => `${f.rule} ${f.position}`)).toEqual(['ORIGINAL_CLAIM_NUMBER_MISSING 67']);
    expect(await rules(edit(withCob, { after: 'REF*G1*AHP2401190233', insert: F8 }), [professionalClaimRules], 1)).toEqual([]);
  });

  it('judges each claim: a replacement without F8 next to claims that are fine', async () => {
    const clm1 = 'CLM*PMC24031501*2150***24:B:1*Y*A*Y*Y';
    expect(await run({ replace: clm1, with: clm1.replace(':1*', ':7*') })).toEqual(['ORIGINAL_CLAIM_NUMBER_MISSING CLM@19 5.3']);
  });
});

describe('837P patient loop (PATIENT_LOOP_MISSING / PATIENT_LOOP_NOT_EXPECTED)', () => {
  const run = (...changes: Parameters<typeof edit>[1][]) => rules(edit(P837, ...changes), [professionalClaimRules]);

  it('is quiet when 2000C appears exactly for the subscribers who are not the patient', async () => {
    expect(await run()).toEqual([]);
  });

  it('PATIENT_LOOP_MISSING: SBR02 is not 18 and no 2000C follows', async () => {
    const f = (await findings(edit(P837, { replace: SBR_SELF, with: SBR_DEP }), [professionalClaimRules])).filter((x) => x.level === 4);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['PATIENT_LOOP_MISSING SBR@13 2000B 2']);
    expect(f[0].message).toBe("The patient is not the subscriber (SBR02 is not 18), so the patient loop (2000C) with the patient's name is required.");
    // SBR02 with another relationship code (19, a child) is not the subscriber either.
    expect(await run({ replace: SBR_SELF, with: 'SBR*P*19*GRP4410******12' })).toEqual(['PATIENT_LOOP_MISSING SBR@13 2']);
  });

  it('PATIENT_LOOP_NOT_EXPECTED: SBR02 is 18 and a 2000C follows', async () => {
    const f = (await findings(edit(P837, { replace: SBR_DEP, with: SBR_SELF }), [professionalClaimRules])).filter((x) => x.level === 4);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['PATIENT_LOOP_NOT_EXPECTED SBR@37 2000B 2']);
    expect(f[0].message).toBe('The subscriber is the patient (SBR02 = 18), so there must be no separate patient loop (2000C).');
  });

  it('judges each subscriber separately (both rules in one file)', async () => {
    expect(await run({ replace: SBR_SELF, with: SBR_DEP, nth: 1 }, { replace: SBR_DEP, with: SBR_SELF, nth: 2 })).toEqual(['PATIENT_LOOP_MISSING SBR@13 2', 'PATIENT_LOOP_NOT_EXPECTED SBR@37 2']);
  });

  it('does not read the 2320 other-subscriber SBR as a subscriber', async () => {
    const cob = ['SBR*S*01*GRP9******CI', 'OI***Y***Y', 'NM1*IL*1*BROWN*HELEN****MI*OTH123', 'NM1*PR*2*OTHER PAYER*****PI*OP001'];
    expect(await run({ after: 'N4*PHOENIX*AZ*850181234', insert: cob })).toEqual([]);
  });
});

describe('837P diagnosis pointers (DIAGNOSIS_POINTER_INVALID)', () => {
  const run = (...changes: Parameters<typeof edit>[1][]) => rules(edit(P837, ...changes), [professionalClaimRules]);
  const LINE = 'SV1*HC:64493:50:KX*1200*UN*1***1';

  it('is quiet when every pointer names one of the claim\'s diagnoses', async () => {
    expect(await run()).toEqual([]);
  });

  it('reports a pointer past the last diagnosis, on its SV107 component', async () => {
    const f = (await findings(edit(P837, { replace: LINE, with: `${LINE}:2` }), [professionalClaimRules])).filter((x) => x.level === 4);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}.${x.component}`)).toEqual(['DIAGNOSIS_POINTER_INVALID SV1@53 2400 7.2']);
    expect(f[0].message).toBe('Diagnosis pointer "2" (SV107-2) does not point at one of the claim\'s 1 diagnosis codes.');
    expect(await run({ replace: LINE, with: LINE.replace('***1', '***2:1:3:4') })).toEqual(['DIAGNOSIS_POINTER_INVALID SV1@53 7.1', 'DIAGNOSIS_POINTER_INVALID SV1@53 7.3', 'DIAGNOSIS_POINTER_INVALID SV1@53 7.4']);
  });

  it('counts every diagnosis of the claim\'s HI, up to twelve', async () => {
    const hi12 = `HI*ABK:M47816${Array.from({ length: 11 }, (_, i) => `*ABF:M54${10 + i}`).join('')}`;
    expect(await run({ replace: 'HI*ABK:M47816', with: hi12 }, { replace: LINE, with: LINE.replace('***1', '***12:11:2:1') })).toEqual([]);
  });

  it('counts only the diagnosis HI, not the anesthesia or condition HI', async () => {
    expect(await run({ after: 'HI*ABK:M47816', insert: ['HI*BP:00100', 'HI*BG:01'] }, { replace: LINE, with: `${LINE}:2` })).toEqual(['DIAGNOSIS_POINTER_INVALID SV1@55 7.2']);
  });

  it('counts the diagnoses of this claim, not the previous one', async () => {
    // Claim 1 lists two diagnoses; claim 2 lists one, so its pointer 2 is wrong even though claim 1 had one.
    expect(await run({ replace: LINE, with: `${LINE}:2` })).toEqual(['DIAGNOSIS_POINTER_INVALID SV1@53 7.2']);
  });

  it('reports a pointer that is not a number (alongside the IK4 of SNIP 1)', async () => {
    const all = await findings(edit(P837, { replace: LINE, with: LINE.replace('***1', '***A') }), [professionalClaimRules]);
    expect(all.map((f) => `${f.level} ${f.code} ${f.element}.${f.component}`)).toEqual(['1 6 7.1', '4 DIAGNOSIS_POINTER_INVALID 7.1']);
  });
});

describe('835 payer billing contact (PAYER_BILLING_CONTACT_MISSING)', () => {
  const PER_BL = 'PER*BL*EDI SUPPORT*TE*8005550198*EM*EDI@ACMEHEALTH.EXAMPLE';

  it('is quiet when 1000A has PER*BL', async () => {
    expect(await rules(R835, [remittanceRules])).toEqual([]);
    expect(await rules(edit(R835, { delete: 'PER*CX*PROVIDER SERVICES*TE*8005550199' }), [remittanceRules])).toEqual([]);
  });

  it('reports the payer N1 when PER*BL is missing (the guide also reports the required segment)', async () => {
    const all = await findings(edit(R835, { delete: PER_BL }), [remittanceRules]);
    expect(all.map((f) => `${f.level} ${f.rule ?? f.code} ${f.segmentId}@${f.position} ${f.loop}`)).toEqual(['2 3 PER@11 1000A', '4 PAYER_BILLING_CONTACT_MISSING N1@6 1000A']);
    expect(all[1].message).toBe("The payer identification loop (1000A) has no billing contact (PER*BL): the TR3 requires the payer's web site or billing contact.");
  });

  it('applies to the 835 only', () => {
    expect(remittanceRules.guides).toEqual(['005010X221A1']);
    expect(professionalClaimRules.guides).toEqual(['005010X222A1']);
  });
});

describe('HL hierarchy (HL_ID_SEQUENCE, HL_PARENT_UNKNOWN), in every guide', () => {
  it('is quiet on the valid 270, 278, 277CA and 837P', async () => {
    for (const segs of [E270, Q278, A277, P837]) expect(await rules(segs, [hierarchyRules])).toEqual([]);
  });

  it('HL_PARENT_UNKNOWN: HL02 names an HL not seen before (including a later one)', async () => {
    const f = (await findings(edit(E270, { replace: 'HL*5*4*23*0', with: 'HL*5*9*23*0' }), [hierarchyRules])).filter((x) => x.level === 4);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['HL_PARENT_UNKNOWN HL@15 2000D 2']);
    expect(f[0].message).toBe('HL02 names parent "9", which is not an earlier HL in this transaction set.');
    // A forward reference: HL*3 naming HL*4 as its parent.
    expect(await rules(edit(E270, { replace: 'HL*3*2*22*0', with: 'HL*3*4*22*0' }), [hierarchyRules])).toEqual(['HL_PARENT_UNKNOWN HL@7 2']);
  });

  it('HL_ID_SEQUENCE: HL01 must count up from 1', async () => {
    const f = (await findings(edit(P837, { replace: 'HL*3*1*22*1', with: 'HL*7*1*22*1' }, { replace: 'HL*4*3*23*0', with: 'HL*4*7*23*0' }), [hierarchyRules])).filter((x) => x.level === 4);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.element}`)).toEqual(['HL_ID_SEQUENCE HL@36 1']);
    expect(f[0].message).toBe('HL01 is "7"; hierarchy ids must count up from 1 (expected 3).');
  });

  it('starts again in each transaction set', async () => {
    // The 278 request file holds two sets, each numbering its HLs from 1.
    expect(await rules(Q278, [hierarchyRules])).toEqual([]);
    expect(hierarchyRules.guides).toEqual(['*']);
  });
});
