import { describe, expect, it } from 'vitest';
import { ImplementationAcknowledgmentSchema, type ImplementationAcknowledgment } from '../../src/documents/implementation-acknowledgment.js';
import { envelopeStatus, routeImplementationAcknowledgment, setRejectionFields } from '../../src/routing/acknowledgment.js';
import { sampleRecord } from './helpers.js';

describe('999 verdicts', () => {
  it('an accepted group and set', async () => {
    const o = routeImplementationAcknowledgment(await sampleRecord<ImplementationAcknowledgment>('999/ack-accepted.x12'));
    expect(o).toMatchObject({ functionalId: 'HC', groupControl: '1001', version: '005010X222A1', verdict: 'accepted', code: 'A', included: 1, received: 1, accepted: 1, groupErrors: [] });
    expect(o.description).toBe('Group 1001 accepted: 1 of 1 transaction sets accepted');
    expect(o.sets).toEqual([{ set: '837', control: '0001', guide: '005010X222A1', verdict: 'accepted', code: 'A', errors: [], segmentErrors: [], claims: [] }]);
    expect(envelopeStatus(o.verdict)).toBe('accepted');
  });

  it('a partially accepted group: one set accepted, one rejected for an invalid code value in SV101-1 of claim PMC24031902', async () => {
    const o = routeImplementationAcknowledgment(await sampleRecord<ImplementationAcknowledgment>('999/ack-partial.x12'));
    expect(o).toMatchObject({ groupControl: '1018', verdict: 'partially-accepted', code: 'P', included: 2, received: 2, accepted: 1 });
    expect(envelopeStatus(o.verdict)).toBe('partially_accepted');
    expect(o.sets.map((s) => [s.control, s.verdict])).toEqual([
      ['0001', 'accepted'],
      ['0002', 'rejected'],
    ]);
    const rejected = o.sets[1];
    expect(rejected.claims).toEqual(['PMC24031902']);
    expect(rejected.segmentErrors).toEqual([
      {
        segment: 'SV1',
        position: 41,
        loop: '2400',
        code: '8',
        text: 'segment has data element errors',
        claim: 'PMC24031902',
        elements: [{ element: 'SV101-1', reference: '235', code: '7', text: 'invalid code value' }],
        message: 'SV1 at segment 41 in loop 2400 of claim PMC24031902: SV101-1 (element 235): invalid code value',
      },
    ]);
    expect(rejected.errors).toEqual(['SV1 at segment 41 in loop 2400 of claim PMC24031902: SV101-1 (element 235): invalid code value']);
    expect(rejected.fix).toContain('none of its claims reached the payer');
    // The bad value the 999 copies back (IK404) may be PHI: it is never in the words.
    expect(JSON.stringify(o)).not.toContain('HX');
    expect(setRejectionFields(rejected, 'PMC24031902')).toEqual({
      patientControlNumber: 'PMC24031902',
      source: '999',
      rootCause: 'front_end_rejection',
      action: rejected.fix,
      reasonCodes: ['IK5:R', 'IK3:SV1:8', 'IK4:SV101-1:7'],
      description: 'SV1 at segment 41 in loop 2400 of claim PMC24031902: SV101-1 (element 235): invalid code value',
    });
  });

  it('a rejected group: an invalid date in DMG02, never showing the date itself', async () => {
    const o = routeImplementationAcknowledgment(await sampleRecord<ImplementationAcknowledgment>('999/ack-rejected.x12'));
    expect(o).toMatchObject({ verdict: 'rejected', code: 'R', accepted: 0 });
    expect(envelopeStatus(o.verdict)).toBe('rejected');
    expect(o.sets[0]).toMatchObject({ verdict: 'rejected', claims: ['PMC24031501'], errors: ['DMG at segment 17 in loop 2010 of claim PMC24031501: DMG02 (element 1251): invalid date'] });
    expect(JSON.stringify(o)).not.toContain('19701332');
    // A claim of the rejected set the 999 does not name gets every error of the set.
    expect(setRejectionFields(o.sets[0], 'PMC24031599').description).toBe('DMG at segment 17 in loop 2010 of claim PMC24031501: DMG02 (element 1251): invalid date');
  });

  it('accepted with errors, set-level and group-level error codes in words', () => {
    const ack = ImplementationAcknowledgmentSchema.parse({
      group: { functionalId: 'HC', control: '77', version: '005010X222A1' },
      transactions: [
        { set: '837', control: '0001', verdict: 'E', errors: [], segmentErrors: [{ segment: 'REF', position: 12, loop: '2300', code: 'I4', elementErrors: [] }] },
        { set: '837', control: '0002', verdict: 'R', errors: ['4', '23'], segmentErrors: [] },
      ],
      verdict: 'P',
      included: 3,
      received: 2,
      accepted: 1,
      groupErrors: ['5'],
    });
    const o = routeImplementationAcknowledgment(ack);
    expect(o.sets[0]).toMatchObject({ verdict: 'accepted-with-errors', errors: ['REF at segment 12 in loop 2300: implementation "not used" segment present'] });
    expect(o.sets[0].fix).toBeUndefined();
    expect(o.sets[1].errors).toEqual(['number of included segments does not match actual count', 'transaction set control number not unique within the functional group']);
    expect(o.groupErrors).toEqual(['number of included transaction sets does not match actual count']);
    expect(envelopeStatus('accepted-with-errors')).toBe('accepted_with_errors');
  });
});
