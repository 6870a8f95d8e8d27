import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimAcknowledgment } from '../../src/documents/claim-acknowledgment.js';
import { type ClaimAcknowledgmentRouting, type ClaimStatusOutcome, claimRejectionFields, isFrontEndRejection, routeClaimAcknowledgment, suggestedFix } from '../../src/routing/claim-status.js';
import { sampleRecord } from './helpers.js';

let main: ClaimAcknowledgmentRouting;
let mainRecord: ClaimAcknowledgment;
let providerRejected: ClaimAcknowledgmentRouting;
let batchRejected: ClaimAcknowledgmentRouting;
beforeAll(async () => {
  mainRecord = await sampleRecord<ClaimAcknowledgment>('277ca/claim-acknowledgment.x12');
  main = routeClaimAcknowledgment(mainRecord);
  providerRejected = routeClaimAcknowledgment(await sampleRecord<ClaimAcknowledgment>('277ca/claim-acknowledgment-provider-rejected.x12'));
  batchRejected = routeClaimAcknowledgment(await sampleRecord<ClaimAcknowledgment>('277ca/claim-acknowledgment-batch-rejected.x12'));
});

const claim = (r: ClaimAcknowledgmentRouting, pcn: string): ClaimStatusOutcome => r.claims.find((c) => c.patientControlNumber === pcn)!;

describe('claims of a 277CA', () => {
  it('lists every claim in file order with its verdict', () => {
    expect(main).toMatchObject({ reference: 'CA20240320001', sourceId: 'AHP01', sourceName: 'ACME HEALTH PLAN' });
    expect(main.claims.map((c) => [c.patientControlNumber, c.verdict, c.statusCodes])).toEqual([
      ['DSP24031101', 'accepted', ['A2:20']],
      ['DSP24031102', 'accepted', ['A1:19']],
      ['DSP24031201', 'rejected', ['A3:400']],
      ['DSP24031202', 'rejected', ['A6:145:82']],
      ['SPA24031301', 'accepted', ['A2:20']],
      ['SPA24031302', 'rejected', ['A7:164:IL']],
      ['SPA24031401', 'rejected', ['A8:453']],
    ]);
    // The verdicts agree with the documents' own helpers.
    const records = mainRecord.providers.flatMap((p) => p.claims);
    expect(main.claims.map((c) => c.verdict === 'rejected')).toEqual(records.map(isFrontEndRejection));
  });

  it('A2 is accepted into adjudication with the payer claim number; A1 is only received', () => {
    expect(claim(main, 'DSP24031101')).toMatchObject({ payerClaimNumber: '2024080000301', acceptedIntoAdjudication: true, charge: '1350.00', billingProviderId: '1648120396' });
    expect(claim(main, 'DSP24031101').fix).toBeUndefined();
    const received = claim(main, 'DSP24031102');
    expect(received).toMatchObject({ verdict: 'accepted', acceptedIntoAdjudication: false });
    expect(received.payerClaimNumber).toBeUndefined();
  });

  it('A7:164 (invalid subscriber id) says what to check and to resend as a new claim', () => {
    const c = claim(main, 'SPA24031302');
    expect(c.fix).toBe('Check the member id against the card and the 271, correct it and resend as a new claim (frequency 1).');
    expect(c.description).toBe("Rejected for invalid information: Insured or subscriber's contract/member number (A7:164:IL)");
    expect(c.billingProviderId).toBe('1422150981');
    expect(claimRejectionFields(c)).toEqual({
      patientControlNumber: 'SPA24031302',
      source: '277CA',
      rootCause: 'front_end_rejection',
      action: c.fix,
      reasonCodes: ['A7:164:IL'],
      description: c.description,
      amount: '1200.00',
    });
  });

  it('A3:400 out of balance, A6:145 missing rendering taxonomy, A8:453 modifier with the rejected line', () => {
    expect(claim(main, 'DSP24031201').fix).toBe('The claim total does not equal the sum of its line charges: fix the charges and resend as a new claim (frequency 1).');
    expect(claim(main, 'DSP24031202').fix).toBe("Check the rendering provider's taxonomy code (PRV) against NPPES and the payer's enrollment, correct it and resend as a new claim (frequency 1).");
    const a8 = claim(main, 'SPA24031401');
    expect(a8.fix).toBe('Fix the procedure modifier(s) (50/RT/LT/26/KX/XS) and resend as a new claim (frequency 1).');
    expect(a8.lines).toEqual([
      {
        verdict: 'rejected',
        statusCodes: ['A8:453'],
        description: expect.stringContaining('Procedure code modifier(s) for services (A8:453)'),
        fix: 'Fix the procedure modifier(s) (50/RT/LT/26/KX/XS) and resend as a new claim (frequency 1).',
        procedureCode: '64484',
        modifiers: ['RT'],
        charge: '700.00',
        lineControlNumber: 'SPA24031401L2',
      },
    ]);
  });

  it('a paired status (A7:21 + A7:562, rendering provider) gets the NPI fix and keeps the payer message', () => {
    const c = claim(providerRejected, 'DSP24031901');
    expect(c.statusCodes).toEqual(['A7:21:82', 'A7:562:82']);
    expect(c.fix).toBe("Check the rendering provider's NPI in NPPES and that the payer has it on file (enrollment), correct it and resend as a new claim (frequency 1).");
    expect(c.description).toContain('RENDERING PROVIDER NPI NOT ON FILE WITH PAYER');
    expect(claim(providerRejected, 'DSP24031801')).toMatchObject({ verdict: 'accepted', payerClaimNumber: '2024083000117', clearinghouseTraceNumber: 'CCX2403220001' });
  });

  it('falls back to the category when the status code has no specific fix', () => {
    expect(suggestedFix([{ category: 'A6', status: '999' }])).toBe('Add the missing information the status names and resend as a new claim (frequency 1).');
    expect(suggestedFix([{ category: 'A2', status: '20' }])).toBeUndefined();
  });
});

describe('provider- and receiver-level rejections', () => {
  it('a billing provider rejected as a whole (A3:743, not enrolled) with its two claims', () => {
    expect(providerRejected.providers.map((p) => [p.providerId, p.verdict, p.statusCodes, p.claimCount])).toEqual([
      ['1648120396', 'accepted', ['A1:19'], 2],
      ['1422150981', 'rejected', ['A3:743:85'], 2],
    ]);
    const rejected = providerRejected.providers[1];
    expect(rejected.fix).toBe('The payer has no enrollment or credentialing on file for the billing provider: finish the enrollment (or bill under an enrolled provider), then resend as a new claim (frequency 1).');
    expect(rejected.name).toBe('SONORAN PAIN ASSOCIATES');
    for (const pcn of ['SPA24032001', 'SPA24032002']) expect(claim(providerRejected, pcn)).toMatchObject({ verdict: 'rejected', fix: rejected.fix, billingProviderId: '1422150981' });
  });

  it('a whole batch rejected at the receiver level (A3:746 duplicate submission) names the batch', () => {
    expect(batchRejected.claims).toEqual([]);
    expect(batchRejected.providers).toEqual([]);
    expect(batchRejected.receivers).toEqual([
      expect.objectContaining({
        verdict: 'rejected',
        statusCodes: ['A3:746'],
        batchTrace: 'DSPC20240320A',
        submitterId: 'DSPC0001',
        charge: '8225.00',
        rejectedQuantity: '3',
        fix: 'The payer already has this: look for the earlier submission and its 277CA; if it was received, do nothing; otherwise resend as a new claim (frequency 1).',
      }),
    ]);
    expect(batchRejected.receivers[0].description).toContain('Duplicate submission');
  });

  it('an accepted batch', () => {
    expect(main.receivers).toEqual([expect.objectContaining({ verdict: 'accepted', batchTrace: 'CCX20240319B', acceptedQuantity: '3', rejectedQuantity: '4' })]);
  });
});
