import { describe, expect, it } from 'vitest';
import type { EligibilityResponse } from '../../src/documents/eligibility.js';
import { eligibilityOutcomes, eligibilityWorkItem } from '../../src/routing/eligibility.js';
import { clone, sampleRecord } from './helpers.js';

describe('271 outcomes', () => {
  it('active coverage: linked to its 270 by trace, plan and cost sharing, no work item', async () => {
    const r = await sampleRecord<EligibilityResponse>('271/eligibility-active.x12');
    const [jane, maria] = eligibilityOutcomes(r);
    expect(jane).toEqual({
      traceNumber: 'ELG0304-0001',
      traceOriginator: '9861234567',
      memberId: 'W123456789',
      coverageActive: true,
      planName: 'ACME GOLD PPO 1500',
      insuranceType: 'PR',
      benefits: { copay: '40.00', coinsurance: '0.2', deductible: '1500.00', deductibleRemaining: '650.00', outOfPocket: '5000.00', outOfPocketRemaining: '4210.00' },
      authorizationRequiredFor: ['2'],
      rejections: [],
    });
    expect(maria).toMatchObject({ traceNumber: 'ELG0304-0002', coverageActive: true });
    expect(maria.workItem).toBeUndefined();
  });

  it('a rejected inquiry (AAA 72) raises a work item to correct the member id', async () => {
    const r = await sampleRecord<EligibilityResponse>('271/eligibility-rejected.x12');
    const [o] = eligibilityOutcomes(r);
    expect(o).toMatchObject({ traceNumber: 'ELG0305-0001', coverageActive: false, rejections: ['invalid or missing subscriber/insured id (72): please correct and resubmit'] });
    expect(o.workItem).toEqual({
      kind: 'rejected',
      reason: 'The payer could not answer inquiry ELG0305-0001: invalid or missing subscriber/insured id (72): please correct and resubmit.',
      action: 'Correct what the payer names (member id, name, date of birth against the card), send the 270 again, and confirm coverage before the visit.',
    });
    // No names or dates of birth in the words.
    expect(JSON.stringify(o.workItem)).not.toMatch(/ROE|RICHARD|1962/);
  });

  it('inactive coverage (EB01 6) raises a work item with the end date', async () => {
    const r = clone(await sampleRecord<EligibilityResponse>('271/eligibility-active.x12'));
    const e = r.responses[0];
    e.coverage.plan = { ...e.coverage.plan!, information: '6' };
    e.subscriber.dates = [{ qualifier: '346', from: '2024-01-01' }, { qualifier: '347', from: '2024-02-29' }];
    const [o] = eligibilityOutcomes(r);
    expect(o.coverageActive).toBe(false);
    expect(o.workItem).toEqual({
      kind: 'inactive',
      reason: 'Coverage inactive (EB01 6: inactive) since 2024-02-29 for inquiry ELG0304-0001.',
      action: 'Ask the patient for current insurance and check it with a new 270, or set up self-pay before the visit; do not bill this payer for dates after coverage ended.',
    });
    expect(eligibilityWorkItem(e)?.kind).toBe('inactive');
  });

  it('no coverage status at all, and a whole inquiry rejected at the source', async () => {
    const r = clone(await sampleRecord<EligibilityResponse>('271/eligibility-active.x12'));
    const e = r.responses[1];
    e.coverage.plan = undefined;
    e.coverage.benefits = [];
    expect(eligibilityWorkItem(e)).toMatchObject({ kind: 'no-coverage-found', reason: 'No active coverage in the 271 for inquiry ELG0304-0002.' });

    const rejected = { ...r, informationReceiver: undefined, responses: [], informationSource: { ...r.informationSource, rejections: [{ validRequest: true, reasonCode: '42', followUpCode: 'R' }] } };
    const [o] = eligibilityOutcomes(rejected);
    expect(o.workItem).toMatchObject({ kind: 'rejected', reason: 'The payer could not answer the inquiry: unable to respond at current time (42): resubmission allowed.' });
    expect(o.workItem?.action).toContain('send the 270 again later');
  });
});
