import { describe, expect, it } from 'vitest';
import type { AuthorizationResponse } from '../../src/documents/authorization.js';
import { AUTHORIZATION_STATUSES } from '../../src/db/records.js';
import { authorizationSummary } from '../../src/routing/authorization.js';
import { clone, sampleRecord } from './helpers.js';

describe('278 response summaries', () => {
  it('a certified request: approved, the number for REF*G1, the period, linked by trace', async () => {
    const s = authorizationSummary(await sampleRecord<AuthorizationResponse>('278resp/authorization-certified.x12'));
    expect(s).toMatchObject({
      status: 'approved',
      decision: 'certified',
      reviewDecisionCode: 'A1',
      certificationNumber: 'AHP2402280417',
      reasonCode: null,
      effectiveFrom: '2024-03-01',
      effectiveTo: '2024-05-31',
      traceNumber: 'UM0226-0001',
      reference: 'UM20240226A',
      memberId: 'W123456789',
      rejections: [],
      description: 'Certified AHP2402280417, 2024-03-01 to 2024-05-31',
    });
    expect(s.services.map((x) => [x.procedureCode, x.modifiers, x.decision, x.units])).toEqual([
      ['64483', ['LT'], 'certified', '1'],
      ['64484', ['LT'], 'certified', '1'],
    ]);
    expect(AUTHORIZATION_STATUSES).toContain(s.status);
  });

  it('a request not certified (A3, reason 0F): denied', async () => {
    const s = authorizationSummary(await sampleRecord<AuthorizationResponse>('278resp/authorization-not-certified.x12'));
    expect(s).toMatchObject({ status: 'denied', decision: 'not certified', reviewDecisionCode: 'A3', certificationNumber: 'AHP2402290981', reasonCode: '0F', effectiveFrom: '2024-03-15', effectiveTo: '2024-06-14', traceNumber: 'UM0226-0002' });
    expect(s.description).toBe('Not certified AHP2402290981, 2024-03-15 to 2024-06-14 (reason 0F)');
  });

  it('pended, partially certified, and a request rejected before review', async () => {
    const certified = await sampleRecord<AuthorizationResponse>('278resp/authorization-certified.x12');
    const pended = clone(certified);
    pended.event!.action = 'A4';
    expect(authorizationSummary(pended)).toMatchObject({ status: 'pended', decision: 'pended' });

    const partial = clone(certified);
    delete partial.event!.action;
    partial.services[1].action = 'A3';
    expect(authorizationSummary(partial)).toMatchObject({ status: 'modified', decision: 'partially certified', reviewDecisionCode: 'A1' });

    const rejected = clone(certified);
    rejected.event = undefined;
    rejected.services = [];
    rejected.subscriber!.rejections = [{ validRequest: false, reasonCode: '75', followUpCode: 'C' }];
    expect(authorizationSummary(rejected)).toMatchObject({
      status: 'denied',
      decision: 'rejected',
      certificationNumber: null,
      effectiveFrom: null,
      traceNumber: null,
      description: 'Request rejected before review: subscriber/insured not found (75): please correct and resubmit',
    });
  });
});
