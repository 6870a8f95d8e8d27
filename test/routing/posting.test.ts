import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClaimPayment, type Remittance, patientResponsibilitySplit } from '../../src/documents/remittance.js';
import { type X12dError, isX12dError } from '../../src/errors.js';
import { parseCents } from '../../src/money.js';
import {
  type FeeSchedule,
  type PostingItem,
  loadFeeSchedule,
  parseFeeSchedule,
  payerIdsOf,
  postingFor,
  postingQueueFields,
  postingsFor,
  providerAdjustmentItems,
  remittanceIdentity,
  reversalKey,
  reverses,
} from '../../src/routing/posting.js';
import { ROOT } from '../x12/fixtures.js';
import { clone, sampleRecord } from './helpers.js';

const FEE_SCHEDULE_PATH = join(ROOT, 'config', 'fee-schedule.example.json');

let remittance: Remittance;
let checkPayment: Remittance;
let fees: FeeSchedule;
beforeAll(async () => {
  remittance = await sampleRecord<Remittance>('835/remittance.x12');
  checkPayment = await sampleRecord<Remittance>('835/check-payment.x12');
  fees = loadFeeSchedule(FEE_SCHEDULE_PATH);
});

const byPcn = (r: Remittance, pcn: string, status?: string) => r.claims.find((c) => c.patientControlNumber === pcn && (status === undefined || c.status === status))!;
const c = (m: string) => parseCents(m)!;

/** charge = paid + patient responsibility + contractual + denied + other adjustments, exactly. */
function balances(p: Pick<PostingItem, 'charge' | 'paid' | 'patientResponsibility' | 'contractual' | 'denied' | 'otherAdjustments'>): boolean {
  return c(p.charge) === c(p.paid) + c(p.patientResponsibility.total) + c(p.contractual) + c(p.denied) + c(p.otherAdjustments);
}

describe('postingFor on the EFT remittance', () => {
  it('splits the patient responsibility into deductible, coinsurance and copay that sum exactly to CLP05', () => {
    const p = postingFor(remittance, byPcn(remittance, 'PMC24031501'));
    expect(p).toMatchObject({
      patientControlNumber: 'PMC24031501',
      payerClaimControlNumber: '2024081000111',
      statusCode: '1',
      status: 'processed as primary',
      charge: '2150.00',
      paid: '724.00',
      allowed: '1230.00',
      patientResponsibility: { deductible: '300.00', coinsurance: '181.00', copay: '25.00', other: '0.00', total: '506.00' },
      reportedPatientResponsibility: '506.00',
      contractual: '920.00',
      denied: '0.00',
      otherAdjustments: '0.00',
      reversal: false,
      warnings: [],
    });
    expect(p.underpayment).toBeUndefined();
    expect(p.lines.map((l) => [l.procedureCode, l.modifiers, l.allowed, l.paid, l.patientResponsibility.total, l.contractual, l.lineControlNumber])).toEqual([
      ['64483', ['LT'], '820.00', '396.00', '424.00', '630.00', 'PMC24031501L1'],
      ['64484', ['LT'], '410.00', '328.00', '82.00', '290.00', 'PMC24031501L2'],
    ]);
    expect(p.lines[0].patientResponsibility).toEqual({ deductible: '300.00', coinsurance: '99.00', copay: '25.00', other: '0.00', total: '424.00' });
    expect(balances(p)).toBe(true);
  });

  it('agrees with patientResponsibilitySplit and CLP05 on every claim of both samples except reversals', () => {
    for (const r of [remittance, checkPayment]) {
      for (const claim of r.claims) {
        const p = postingFor(r, claim);
        expect(p.patientResponsibility).toEqual(patientResponsibilitySplit(claim));
        if (!p.reversal && claim.patientResponsibility !== undefined) expect(p.patientResponsibility.total).toBe(claim.patientResponsibility);
        expect(c(p.patientResponsibility.total)).toBe(c(p.patientResponsibility.deductible) + c(p.patientResponsibility.coinsurance) + c(p.patientResponsibility.copay) + c(p.patientResponsibility.other));
        expect(balances(p)).toBe(true);
        for (const l of p.lines) expect(balances(l)).toBe(true);
        expect(p.warnings).toEqual([]);
      }
    }
  });

  it('flags the fee-schedule underpayment with the exact difference', () => {
    const p = postingFor(remittance, byPcn(remittance, 'PMC24031501'), { feeSchedule: fees });
    // 64483 at 900.00 (the highest procedure, 100%) and the add-on +64484 at 410.00 (never reduced): 1310.00 expected, 1230.00 allowed.
    expect(p.expected).toBe('1310.00');
    expect(p.underpayment).toEqual({ expected: '1310.00', allowed: '1230.00', difference: '80.00' });
    expect(p.lines[0]).toMatchObject({ expected: '900.00', underpayment: { expected: '900.00', allowed: '820.00', difference: '80.00' } });
    expect(p.lines[1]).toMatchObject({ expected: '410.00' });
    expect(p.lines[1].underpayment).toBeUndefined();
    expect(postingQueueFields(p)).toEqual({
      patientControlNumber: 'PMC24031501',
      paidAmount: '724.00',
      deductible: '300.00',
      coinsurance: '181.00',
      copay: '25.00',
      otherPatientResponsibility: '0.00',
      contractualAdjustment: '920.00',
      expectedAmount: '1310.00',
      underpaymentAmount: '80.00',
    });
  });

  it('pays a bilateral (50) facet RFA at 150%: the corrected claim is paid as contracted', () => {
    const p = postingFor(remittance, byPcn(remittance, 'PMC24022003', '1'), { feeSchedule: fees });
    expect(p.lines.map((l) => [l.procedureCode, l.modifiers, l.expected, l.allowed])).toEqual([
      ['64635', ['50'], '1650.00', '1650.00'],
      ['64636', ['50'], '750.00', '750.00'],
    ]);
    expect(p.expected).toBe('2400.00');
    expect(p.allowed).toBe('2400.00');
    expect(p.underpayment).toBeUndefined();
  });

  it('a reversal (CLP02 22) carries negated amounts and exactly undoes the original posting', () => {
    const reversalClaim = byPcn(remittance, 'PMC24022003', '22');
    const rev = postingFor(remittance, reversalClaim, { feeSchedule: fees });
    expect(rev).toMatchObject({
      reversal: true,
      statusCode: '22',
      status: 'reversal of previous payment',
      payerClaimControlNumber: '2024055000123',
      charge: '-2850.00',
      paid: '-1280.00',
      allowed: '-1600.00',
      patientResponsibility: { deductible: '0.00', coinsurance: '-320.00', copay: '0.00', other: '0.00', total: '-320.00' },
      contractual: '-1250.00',
    });
    expect(rev.underpayment).toBeUndefined();
    expect(rev.expected).toBeUndefined();

    // The original payment, as it was posted from an earlier 835: the same claim with every amount positive.
    const original = clone(reversalClaim);
    const neg = (m: string) => (m.startsWith('-') ? m.slice(1) : `-${m}`);
    original.status = '1';
    original.charge = neg(original.charge);
    original.paid = neg(original.paid);
    original.patientResponsibility = neg(original.patientResponsibility!);
    for (const l of original.serviceLines) {
      l.charge = neg(l.charge);
      l.paid = neg(l.paid);
      l.allowed = l.allowed === undefined ? undefined : neg(l.allowed);
      for (const a of l.adjustments) a.amount = neg(a.amount);
    }
    const orig = postingFor(remittance, ClaimPayment.parse(original));
    expect(orig.reversal).toBe(false);
    expect(reversalKey(rev)).toBe(reversalKey(orig));
    expect(reverses(rev, orig)).toBe(true);
    expect(c(rev.paid) + c(orig.paid)).toBe(0n);
    expect(c(rev.allowed) + c(orig.allowed)).toBe(0n);
    expect(rev.lines.map((l) => c(l.paid) + c(orig.lines[l.index].paid))).toEqual([0n, 0n]);
    // The correction that follows is not the reversed claim (another payer claim number).
    const correction = postingFor(remittance, byPcn(remittance, 'PMC24022003', '1'));
    expect(reverses(rev, correction)).toBe(false);
  });

  it('a denied claim posts nothing paid, its denial amount, and is never an underpayment', () => {
    const p = postingFor(remittance, byPcn(remittance, 'PMC24031502'), { feeSchedule: fees });
    expect(p).toMatchObject({ statusCode: '4', status: 'denied', paid: '0.00', allowed: '0.00', denied: '1800.00', contractual: '0.00' });
    expect(p.underpayment).toBeUndefined();
    expect(p.expected).toBeUndefined();
  });
});

describe('postingFor on the check remittance', () => {
  it('a claim-level deductible counts once: allowed is the lines\' AMT*B6 (262.00), not 312.00', () => {
    const p = postingFor(checkPayment, byPcn(checkPayment, 'PMC24032101'), { feeSchedule: fees });
    expect(p).toMatchObject({ paid: '212.00', allowed: '262.00', patientResponsibility: { deductible: '50.00', total: '50.00' }, contractual: '146.00', expected: '262.00' });
    expect(p.underpayment).toBeUndefined();
  });

  it('rate x units: J1030 x 2 at 12.00 expects 24.00 where 20.00 was allowed; the tolerance decides', () => {
    const claim = byPcn(checkPayment, 'PMC24032103');
    const p = postingFor(checkPayment, claim, { feeSchedule: fees });
    expect(p.patientResponsibility).toEqual({ deductible: '0.00', coinsurance: '0.00', copay: '40.00', other: '0.00', total: '40.00' });
    expect(p.lines[1]).toMatchObject({ procedureCode: 'J1030', units: '2', expected: '24.00', allowed: '20.00', underpayment: { difference: '4.00' } });
    expect(p.underpayment).toEqual({ expected: '604.00', allowed: '600.00', difference: '4.00' });
    expect(postingFor(checkPayment, claim, { feeSchedule: fees, tolerance: '4.00' }).underpayment).toBeUndefined();
    expect(postingFor(checkPayment, claim, { feeSchedule: fees, tolerance: '3.99' }).underpayment?.difference).toBe('4.00');
  });

  it('lines without a rate are listed and left out of the comparison', () => {
    const p = postingFor(checkPayment, byPcn(checkPayment, 'PMC24040201'), { feeSchedule: fees });
    expect(p).toMatchObject({ statusCode: '19', expected: '150.00', unpricedLines: [1] });
    expect(p.underpayment).toBeUndefined();
  });

  it('PR-27 (coverage ended) is patient responsibility "other" and not part of the allowed amount', () => {
    const p = postingFor(checkPayment, byPcn(checkPayment, 'PMC24040203'));
    expect(p).toMatchObject({ paid: '0.00', allowed: '0.00', patientResponsibility: { other: '165.00', total: '165.00' }, denied: '0.00' });
  });

  it('OA-22 on a denied claim is a denied amount', () => {
    expect(postingFor(checkPayment, byPcn(checkPayment, 'PMC24040202'))).toMatchObject({ denied: '190.00', otherAdjustments: '0.00', allowed: '0.00' });
  });

  it('postingsFor gives one item per claim payment', () => {
    expect(postingsFor(checkPayment).map((p) => p.patientControlNumber)).toEqual(checkPayment.claims.map((x) => x.patientControlNumber));
  });
});

describe('the multiple-procedure reduction and other hand-built cases', () => {
  const claim = (serviceLines: unknown[], extra: Record<string, unknown> = {}) =>
    ClaimPayment.parse({ patientControlNumber: 'MPR1', status: '1', charge: '0.00', paid: '0.00', filingIndicator: '12', payerClaimControlNumber: 'P1', patient: { entityType: '1', last: 'TEST' }, serviceLines, ...extra });
  const line = (procedureCode: string, allowed: string, extra: Record<string, unknown> = {}) => ({ procedureCode, charge: allowed, paid: allowed, allowed, serviceDate: '2024-03-12', ...extra });

  it('pays the highest procedure at 100%, the next at 50%, add-ons in full', () => {
    // 64493 600.00 (highest), 20552 140.00 -> 70.00, +64494 300.00 (add-on): 970.00 expected.
    const p = postingFor(remittance, claim([line('20552', '140.00'), line('64493', '600.00'), line('64494', '300.00')]), { feeSchedule: fees });
    expect(p.lines.map((l) => l.expected)).toEqual(['70.00', '600.00', '300.00']);
    expect(p.expected).toBe('970.00');
    expect(p.underpayment).toBeUndefined();
    // Allowed at 900.00 (20552 paid 70.00, 64494 only 230.00): 70.00 short.
    const short = postingFor(remittance, claim([line('20552', '70.00'), line('64493', '600.00'), line('64494', '230.00')]), { feeSchedule: fees });
    expect(short.underpayment).toEqual({ expected: '970.00', allowed: '900.00', difference: '70.00' });
  });

  it('reduces per date of service, not across dates', () => {
    const p = postingFor(remittance, claim([line('64493', '600.00'), line('20552', '140.00', { serviceDate: '2024-03-19' })]), { feeSchedule: fees });
    expect(p.lines.map((l) => l.expected)).toEqual(['600.00', '140.00']);
  });

  it('uses the modifier rate when the line carries it (77003-26)', () => {
    const p = postingFor(remittance, claim([line('77003', '38.00', { modifiers: ['26'] }), line('77003', '95.00', { serviceDate: '2024-03-13' })]), { feeSchedule: fees });
    expect(p.lines.map((l) => l.expected)).toEqual(['38.00', '95.00']);
  });

  it('matches the payer by any of its ids, and prices nothing for an unknown payer', () => {
    expect(payerIdsOf(remittance)).toEqual(['AHP01', '1870654321']);
    expect(payerIdsOf(checkPayment)).toEqual(['AHP01', '7012345678', '1870654321']);
    const other = { ...remittance, payer: { ...remittance.payer, additionalIds: [] }, trace: { ...remittance.trace, originatorId: '1999999999' } };
    const p = postingFor(other, claim([line('64493', '600.00')]), { feeSchedule: fees });
    expect(p.expected).toBeUndefined();
    expect(p.unpricedLines).toEqual([0]);
  });

  it('uses sequestration (CO-253) in the allowed amount: 100 allowed, 50 deductible, 10 coinsurance, 0.80 sequestration, 39.20 paid', () => {
    const p = postingFor(
      remittance,
      claim(
        [
          {
            procedureCode: '99213',
            charge: '150.00',
            paid: '39.20',
            serviceDate: '2024-03-12',
            adjustments: [
              { group: 'CO', reason: '45', amount: '50.00' },
              { group: 'PR', reason: '1', amount: '50.00' },
              { group: 'PR', reason: '2', amount: '10.00' },
              { group: 'CO', reason: '253', amount: '0.80' },
            ],
          },
        ],
        { charge: '150.00', paid: '39.20', patientResponsibility: '60.00' },
      ),
    );
    expect(p).toMatchObject({ allowed: '100.00', paid: '39.20', contractual: '50.80', patientResponsibility: { deductible: '50.00', coinsurance: '10.00', total: '60.00' }, warnings: [] });
  });

  it('warns when CLP05 differs from the PR adjustments or the claim does not balance', () => {
    const p = postingFor(remittance, claim([line('99213', '100.00')], { charge: '100.00', paid: '90.00', patientResponsibility: '5.00' }));
    expect(p.warnings).toEqual(['the claim does not balance: charge less adjustments is not the amount paid', 'CLP05 patient responsibility 5.00 differs from the PR adjustments 0.00']);
  });
});

describe('remittance identity and provider-level adjustments (PLB)', () => {
  it('identifies a remittance by payer (TRN03) and trace number (TRN02)', () => {
    expect(remittanceIdentity(remittance)).toEqual({ payerId: '1870654321', traceNumber: 'EFT240415000381' });
    expect(remittanceIdentity(checkPayment)).toEqual({ payerId: '1870654321', traceNumber: '0004417291' });
  });

  it('WO overpayment recovery withholds, L6 interest adds to the payment', () => {
    expect(providerAdjustmentItems(remittance)).toEqual([
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reasonCode: 'WO', reason: 'overpayment recovery', reference: 'PMC24010507', amount: '150.00', effect: 'reduces-payment', description: 'WO overpayment recovery: 150.00 withheld (reference PMC24010507)' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reasonCode: 'L6', reason: 'interest owed', reference: 'PMC24031501', amount: '-12.50', effect: 'increases-payment', description: 'L6 interest owed: 12.50 paid (reference PMC24031501)' },
    ]);
  });

  it('CS adjustment and L6 interest on the check remittance; the payment balances with them', () => {
    const items = providerAdjustmentItems(checkPayment);
    expect(items.map((i) => [i.reasonCode, i.reason, i.amount, i.effect])).toEqual([
      ['CS', 'adjustment', '35.00', 'reduces-payment'],
      ['L6', 'interest owed', '-4.37', 'increases-payment'],
    ]);
    const paid = postingsFor(checkPayment).reduce((t, p) => t + c(p.paid), 0n);
    expect(paid - items.reduce((t, i) => t + c(i.amount), 0n)).toBe(c(checkPayment.payment.amount));
  });

  it('names the other PLB codes in words', () => {
    const words = providerAdjustmentItems({
      providerAdjustments: ['FB', '72', 'J1', 'WU', 'ZZ'].map((reason) => ({ provider: '1', fiscalPeriodEnd: '2024-12-31', reason, amount: '1.00' })),
    }).map((i) => i.reason);
    expect(words).toEqual(['forwarding balance', 'authorized return', 'nonreimbursable', 'unspecified recovery', 'provider adjustment ZZ']);
  });
});

describe('the fee schedule file', () => {
  it('the example loads', () => {
    expect(fees).toMatchObject({ name: 'Example contracted fee schedule', tolerance: '1.00', origin: FEE_SCHEDULE_PATH });
    expect(fees.payers[0].rates.length).toBeGreaterThan(10);
  });

  it('refuses a bad rate, a bad indicator and a second rate for the same code, with their paths', () => {
    const bad = {
      name: 'x',
      source: 'test',
      effective: '2024-01-01',
      procedures: { '64483': { bilateralIndicator: '7' } },
      payers: [{ payerId: 'P', rates: [{ procedure: '64483', rate: '900.00' }, { procedure: '64484', rate: '4l0' }, { procedure: '64483', rate: '1.00' }] }],
    };
    let caught: unknown;
    try {
      parseFeeSchedule(bad, 'fees.json');
    } catch (e) {
      caught = e;
    }
    expect(isX12dError(caught, 'X12D_ERR_CONFIG')).toBe(true);
    const msg = (caught as X12dError).message;
    expect(msg).toContain('fee schedule fees.json is not valid');
    expect(msg).toContain('payers[0].rates[1].rate');
    expect(msg).toContain('procedures.64483.bilateralIndicator');
  });

  it('refuses a second rate for the same code and modifier', () => {
    expect(() => parseFeeSchedule({ name: 'x', source: 't', effective: '2024-01-01', payers: [{ payerId: 'P', rates: [{ procedure: '64483', rate: '1.00' }, { procedure: '64483', rate: '2.00' }] }] })).toThrow(
      'payers[0].rates[1]: a second rate for 64483',
    );
  });
});
