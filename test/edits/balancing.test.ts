/**
 * SNIP 3 balancing in exact cents: 837P CLM02 = sum(SV102); 835 line, claim and payment balancing, with
 * reversals (negative amounts) and provider-level adjustments.
 */
import { describe, expect, it } from 'vitest';
import { casTotal, claimChargeBalance, remittanceBalance } from '../../src/edits/balancing.js';
import { readX12Sync } from '../../src/x12/reader.js';
import { buildFile } from '../x12/fixtures.js';
import { edit, findings, rules, segments } from './helpers.js';

const P837 = segments('837p/professional-claims.x12');
const R835 = segments('835/remittance.x12');
const CLM1 = 'CLM*PMC24031501*2150***24:B:1*Y*A*Y*Y';
const SV1_1 = 'SV1*HC:64483:LT*1450*UN*1***1:2';
const SV1_2 = 'SV1*HC:64484:LT*700*UN*1***1:2';
const BPR = 'BPR*I*1226.5*C*ACH*CCP*01*122105676*DA*4471002918*1870654321**01*322271504*DA*9001337421*20240415';
const bpr = (amount: string) => BPR.replace('*1226.5*', `*${amount}*`);
const CLP1 = 'CLP*PMC24031501*1*2150*724*506*12*2024081000111*24*1';
const PLB = 'PLB*1648120396*20241231*WO:PMC24010507*150*L6:PMC24031501*-12.5';

describe('837P claim charge balance (CLAIM_CHARGE_BALANCE)', () => {
  const run = (...changes: Parameters<typeof edit>[1][]) => rules(edit(P837, ...changes), [claimChargeBalance]);

  it('is quiet on the valid sample (three claims, each equal to its lines)', async () => {
    expect(await run()).toEqual([]);
  });

  it('reports a claim one cent off, on CLM02, in exact cents', async () => {
    const f = (await findings(edit(P837, { replace: CLM1, with: CLM1.replace('*2150*', '*2150.01*') }), [claimChargeBalance])).filter((x) => x.level === 3);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'CLAIM_CHARGE_BALANCE', code: 'CLAIM_CHARGE_BALANCE', segmentId: 'CLM', position: 19, loop: '2300', element: 2 });
    expect(f[0].message).toBe("The claim's total charge (CLM02) is 2150.01 but its service lines (SV102) add up to 2150.00.");
  });

  it('adds decimal amounts exactly (.1 + .2 = .3, and beyond 2^53 cents)', async () => {
    expect(await run({ replace: CLM1, with: CLM1.replace('*2150*', '*.3*') }, { replace: SV1_1, with: SV1_1.replace('*1450*', '*.1*') }, { replace: SV1_2, with: SV1_2.replace('*700*', '*0.2*') })).toEqual([]);
    expect(
      await run({ replace: CLM1, with: CLM1.replace('*2150*', '*900719925474099.93*') }, { replace: SV1_1, with: SV1_1.replace('*1450*', '*900719925474099.91*') }, { replace: SV1_2, with: SV1_2.replace('*700*', '*.02*') }),
    ).toEqual([]);
    expect(
      await run({ replace: CLM1, with: CLM1.replace('*2150*', '*900719925474099.94*') }, { replace: SV1_1, with: SV1_1.replace('*1450*', '*900719925474099.91*') }, { replace: SV1_2, with: SV1_2.replace('*700*', '*.02*') }),
    ).toEqual(['CLAIM_CHARGE_BALANCE CLM@19 2']);
  });

  it('reads the same amount however it is written (2150, 2150.0, 2150.00, 02150)', async () => {
    for (const a of ['2150.0', '2150.00', '02150']) expect(await run({ replace: CLM1, with: CLM1.replace('*2150*', `*${a}*`) }), a).toEqual([]);
  });

  it('balances negative amounts', async () => {
    const neg = [{ replace: CLM1, with: CLM1.replace('*2150*', '*-2150*') }, { replace: SV1_1, with: SV1_1.replace('*1450*', '*-1450*') }, { replace: SV1_2, with: SV1_2.replace('*700*', '*-700*') }];
    expect(await run(...neg)).toEqual([]);
    expect(await run(neg[0], neg[1])).toEqual(['CLAIM_CHARGE_BALANCE CLM@19 2']);
  });

  it('judges each claim on its own lines', async () => {
    const second = 'CLM*PMC24031502*1800***11:B:1*Y*A*Y*Y';
    expect(await run({ replace: second, with: second.replace('*1800*', '*1801*') })).toEqual(['CLAIM_CHARGE_BALANCE CLM@48 2']);
    // A line moved from the first claim to the second unbalances both.
    expect(await run({ replace: SV1_2, with: SV1_2.replace('*700*', '*699*') }, { replace: 'SV1*HC:64493:50:KX*1200*UN*1***1', with: 'SV1*HC:64493:50:KX*1201*UN*1***1' })).toEqual(['CLAIM_CHARGE_BALANCE CLM@19 2', 'CLAIM_CHARGE_BALANCE CLM@48 2']);
  });

  it('applies to the 837P only', async () => {
    expect(claimChargeBalance.guides).toEqual(['005010X222A1']);
    expect(await rules(edit(R835, { replace: BPR, with: bpr('1') }), [claimChargeBalance])).toEqual([]);
  });
});

describe('835 remittance balance', () => {
  const run = (...changes: Parameters<typeof edit>[1][]) => rules(edit(R835, ...changes), [remittanceBalance]);

  it('is quiet on the valid sample: paid, denied, reversed (negative) and corrected claims, PLB with negative interest', async () => {
    expect(await run()).toEqual([]);
  });

  it('SERVICE_LINE_OUT_OF_BALANCE: SVC02 - line CAS != SVC03, reported on SVC03', async () => {
    const f = (await findings(edit(R835, { replace: 'SVC*HC:64484:LT*700*328', with: 'SVC*HC:64484:LT*700.01*328' }), [remittanceBalance])).filter((x) => x.level === 3);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['SERVICE_LINE_OUT_OF_BALANCE SVC@28 2110 3']);
    expect(f[0].message).toBe('Service line does not balance: charge 700.01 (SVC02) minus adjustments 372.00 (CAS) is 328.01, but the paid amount (SVC03) is 328.00.');
  });

  it('balances reversal lines and claims with negative amounts, to the cent', async () => {
    // The reversal's first line: -1900 - (-800 + -220) = -880.
    expect(await run({ replace: 'CAS*PR*2*-220', with: 'CAS*PR*2*-220.01' })).toEqual(['SERVICE_LINE_OUT_OF_BALANCE SVC@52 3', 'CLAIM_PAYMENT_OUT_OF_BALANCE CLP@49 4']);
    const f = (await findings(edit(R835, { replace: 'CAS*PR*2*-220', with: 'CAS*PR*2*-220.01' }), [remittanceBalance]))[0];
    expect(f.message).toBe('Service line does not balance: charge -1900.00 (SVC02) minus adjustments -1020.01 (CAS) is -879.99, but the paid amount (SVC03) is -880.00.');
    // Amounts written with trailing zeros balance the same.
    const reversal = 'CLP*PMC24022003*22*-2850*-1280*-320*12*2024055000123*22*1';
    expect(await run({ replace: reversal, with: reversal.replace('*-2850*-1280*', '*-2850*-1280.00*') })).toEqual([]);
  });

  it('sums every adjustment triplet of a CAS (CAS03, 06, 09, 12, 15, 18)', async () => {
    // CAS*PR*1*300**2*99**3*25 on the first line: 424 of patient responsibility in one segment.
    expect(await run({ replace: 'CAS*PR*1*300**2*99**3*25', with: 'CAS*PR*1*300**2*99**3*24' })).toEqual(['SERVICE_LINE_OUT_OF_BALANCE SVC@22 3', 'CLAIM_PAYMENT_OUT_OF_BALANCE CLP@17 4']);
    const segs = ['CAS*PR*1*1**2*2**3*3**4*4**5*5**6*6.01'];
    let total = -1n;
    readX12Sync(buildFile({ interchanges: [{ groups: [{ transactions: [{ body: segs }] }] }] }).buf, {
      segment(s) {
        if (s.tag === 'CAS') total = casTotal(s);
      },
    });
    expect(total).toBe(2101n);
  });

  it('CLAIM_PAYMENT_OUT_OF_BALANCE: CLP03 - claim and line CAS != CLP04, reported on CLP04', async () => {
    const f = (await findings(edit(R835, { replace: CLP1, with: CLP1.replace('*2150*', '*2149.99*') }), [remittanceBalance])).filter((x) => x.level === 3);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['CLAIM_PAYMENT_OUT_OF_BALANCE CLP@17 2100 4']);
    expect(f[0].message).toBe('Claim payment does not balance: charge 2149.99 (CLP03) minus claim and line adjustments 1426.00 is 723.99, but the paid amount (CLP04) is 724.00.');
  });

  it('counts a claim-level CAS toward the claim, not toward any line', async () => {
    const claimCas = { after: CLP1, insert: 'CAS*OA*23*10' };
    expect(await run(claimCas)).toEqual(['CLAIM_PAYMENT_OUT_OF_BALANCE CLP@17 4']);
    expect(await run(claimCas, { replace: CLP1, with: CLP1.replace('*724*', '*714*') }, { replace: BPR, with: bpr('1216.5') })).toEqual([]);
  });

  it('PAYMENT_OUT_OF_BALANCE: BPR02 = sum(CLP04) - sum(PLB amounts)', async () => {
    const f = (await findings(edit(R835, { replace: BPR, with: bpr('1226.49') }), [remittanceBalance])).filter((x) => x.level === 3);
    expect(f.map((x) => `${x.rule} ${x.segmentId}@${x.position} ${x.loop} ${x.element}`)).toEqual(['PAYMENT_OUT_OF_BALANCE BPR@2 ST 2']);
    expect(f[0].message).toBe('The payment amount (BPR02) is 1226.49, but the claims paid (CLP04) total 1364.00 less provider adjustments (PLB) of 137.50 is 1226.50.');
    // Without the PLB the payment is the claims paid.
    expect(await run({ delete: PLB })).toEqual(['PAYMENT_OUT_OF_BALANCE BPR@2 2']);
    expect(await run({ delete: PLB }, { replace: BPR, with: bpr('1364') })).toEqual([]);
    // A third PLB pair, a negative one (interest paid to the provider), raises the payment.
    expect(await run({ replace: PLB, with: `${PLB}*L6:PMC24031502*-0.5` }, { replace: BPR, with: bpr('1227') })).toEqual([]);
    // Two PLB segments add up.
    expect(await run({ after: PLB, insert: 'PLB*1648120396*20241231*WO:PMC24010508*26.5' }, { replace: BPR, with: bpr('1200') })).toEqual([]);
  });

  it('a zero payment (all claims denied, no PLB) balances at BPR02 0', async () => {
    const denied = R835.filter((s, i) => {
      const start = R835.indexOf('CLP*PMC24031502*4*1800*0*0*12*2024081000222*11*1');
      const end = R835.indexOf('CLP*PMC24022003*22*-2850*-1280*-320*12*2024055000123*22*1');
      const plb = R835.indexOf(PLB);
      return !((i >= R835.indexOf(CLP1) && i < start) || (i >= end && i <= plb));
    });
    expect(await rules(edit(denied, { replace: BPR, with: bpr('0') }), [remittanceBalance])).toEqual([]);
    expect(await rules(edit(denied, { replace: BPR, with: bpr('0.01') }), [remittanceBalance])).toEqual(['PAYMENT_OUT_OF_BALANCE BPR@2 2']);
  });

  it('judges each transaction set on its own', async () => {
    const st = R835.indexOf('ST*835*0001');
    const se = R835.findIndex((s) => s.startsWith('SE*'));
    const set = R835.slice(st, se + 1);
    const second = set.map((s) => (s === BPR ? bpr('1226.52') : s.replace('*0001', '*0002')));
    const file = [...R835.slice(0, se + 1), ...second, ...R835.slice(se + 1)].map((s) => (s.startsWith('GE*') ? 'GE*2*5105' : s));
    const v = await findings(file, [remittanceBalance]);
    expect(v.filter((f) => f.level === 3).map((f) => `${f.rule} ${f.position}`)).toEqual(['PAYMENT_OUT_OF_BALANCE 2']);
  });

  it('applies to the 835 only', () => {
    expect(remittanceBalance.guides).toEqual(['005010X221A1']);
    expect(remittanceBalance.level).toBe(3);
    expect(claimChargeBalance.level).toBe(3);
  });
});
