import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClaimPayment, type Remittance } from '../../src/documents/remittance.js';
import { loadCodeList } from '../../src/edits/code-lists.js';
import { X12dError, isX12dError } from '../../src/errors.js';
import {
  ADJUSTMENT_CATEGORIES,
  ROOT_CAUSES,
  classifyAdjustment,
  classifyDenial,
  denialQueueFields,
  denialRulesPath,
  loadDenialRules,
  parseDenialRules,
  storedRootCause,
} from '../../src/routing/denial-taxonomy.js';
import { DENIAL_ROOT_CAUSES } from '../../src/db/records.js';
import { tempDir } from '../x12/fixtures.js';
import { clone, sampleRecord } from './helpers.js';

const RULES_JSON = JSON.parse(readFileSync(denialRulesPath(), 'utf8')) as { rules: Record<string, unknown>[]; sources: Record<string, string>; [k: string]: unknown };

const MODIFIER_ACTION = 'Fix the modifier (50/RT/LT/26/KX/XS) and send a replacement claim (frequency 7).';
const MA130_ACTION = 'MA130: unprocessable — correct and send a NEW claim (frequency 1); do not appeal. The timely filing limit keeps running.';

/** A claim payment record from the fields that matter, with the schema's defaults. */
function claim(fields: Record<string, unknown>): ClaimPayment {
  return ClaimPayment.parse({ status: '1', filingIndicator: '12', payerClaimControlNumber: 'PCCN1', patient: { entityType: '1', last: 'TEST' }, ...fields });
}

function expectConfigError(fn: () => unknown, ...fragments: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isX12dError(caught, 'X12D_ERR_CONFIG')).toBe(true);
  for (const f of fragments) expect((caught as X12dError).message).toContain(f);
}

describe('the rules file', () => {
  it('loads from config/denial-rules.json and names a source and an effective date for every rule', () => {
    const rules = loadDenialRules();
    expect(rules.origin).toBe(denialRulesPath());
    expect(rules.rules.length).toBe(RULES_JSON.rules.length);
    expect(rules.rules.length).toBeGreaterThanOrEqual(60);
    for (const r of rules.rules) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ADJUSTMENT_CATEGORIES).toContain(r.category);
    }
    expect(new Set(rules.precedence)).toEqual(new Set(ROOT_CAUSES));
    // No payer-specific rule ships by default: those are an installation's own data.
    expect(rules.rules.filter((r) => r.payer !== undefined)).toEqual([]);
  });

  it('uses only CARCs and RARCs that are in the code lists', () => {
    const carc = loadCodeList('carc')!;
    const rarc = loadCodeList('rarc')!;
    const rules = loadDenialRules();
    const unknownReasons = rules.rules.flatMap((r) => r.reasons.filter((c) => !carc.has(c)));
    const unknownRemarks = rules.rules.flatMap((r) => (r.remarks ?? []).filter((c) => !rarc.has(c)));
    expect(unknownReasons).toEqual([]);
    expect(unknownRemarks).toEqual([]);
  });

  it('covers every root cause with at least one rule, and every root cause has a storage name', () => {
    const rules = loadDenialRules();
    for (const c of ROOT_CAUSES) expect(rules.rules.some((r) => r.category === c && r.denial)).toBe(true);
    for (const c of ROOT_CAUSES) expect(DENIAL_ROOT_CAUSES).toContain(storedRootCause(c));
  });

  it('refuses a bad category with the path of the bad field', () => {
    const bad = clone(RULES_JSON);
    bad.rules[3] = { ...bad.rules[3], category: 'coding' };
    expectConfigError(() => parseDenialRules(bad, 'bad.json'), 'denial rules bad.json are not valid', 'rules[3].category');
  });

  it('refuses an unknown source, a duplicate id, a missing root cause in the precedence and a bad date, each with its path', () => {
    const bad = clone(RULES_JSON);
    bad.rules[0] = { ...bad.rules[0], source: 'nowhere' };
    bad.rules[2] = { ...bad.rules[2], id: bad.rules[1].id };
    bad.rules[5] = { ...bad.rules[5], effective: '2023-02-29' };
    bad.precedence = (bad.precedence as string[]).filter((c) => c !== 'duplicate');
    expectConfigError(() => parseDenialRules(bad), 'rules[0].source: unknown source "nowhere"', 'rules[2].id: duplicate rule id', 'rules[5].effective: not a calendar date', 'precedence: "duplicate" is missing');
  });

  it('refuses unknown fields and a bad CARC', () => {
    const bad = clone(RULES_JSON);
    bad.rules[7] = { ...bad.rules[7], reason: ['45', 'forty-five'], colour: 'red' };
    expectConfigError(() => parseDenialRules(bad), 'rules[7].reason', 'rules[7]: Unrecognized key: "colour"');
  });

  it('refuses a file on disk that is not JSON, or is absent', () => {
    const t = tempDir();
    try {
      const path = t.write('rules.json', '{ "rules": [');
      expectConfigError(() => loadDenialRules(path), `denial rules ${path} are not JSON`);
      expectConfigError(() => loadDenialRules(join(t.dir, 'none.json')), 'not found');
    } finally {
      t.cleanup();
    }
  });
});

describe('classifyAdjustment', () => {
  it('CO-197 with M62 is an authorization problem with the authorization-number action', () => {
    const c = classifyAdjustment({ group: 'CO', reason: '197', remarks: ['M62'] });
    expect(c).toMatchObject({ code: 'CO-197', category: 'authorization', denial: true, remark: 'M62', rule: { id: 'carc-197-m62-authorization-number' } });
    expect(c.action).toContain('REF*G1');
    expect(c.description).toBe('Precertification/authorization/notification absent');
    // Without the remark the general CARC 197 rule answers.
    expect(classifyAdjustment({ group: 'CO', reason: '197' }).rule?.id).toBe('carc-197-authorization-absent');
  });

  it('CO-4 is coding-or-modifier with the modifier action', () => {
    expect(classifyAdjustment({ group: 'CO', reason: '4' })).toMatchObject({ category: 'coding-or-modifier', denial: true, action: MODIFIER_ACTION });
  });

  it('OA-18 is a duplicate; CO-29 is timely filing', () => {
    expect(classifyAdjustment({ group: 'OA', reason: '18' })).toMatchObject({ code: 'OA-18', category: 'duplicate', denial: true });
    const tf = classifyAdjustment({ group: 'CO', reason: '29' });
    expect(tf.category).toBe('timely-filing');
    expect(tf.action).toContain('proof of timely filing');
  });

  it('MA130 turns a CO-16 into "send a NEW claim"', () => {
    expect(classifyAdjustment({ group: 'CO', reason: '16' }).action).toContain('replacement claim (frequency 7)');
    expect(classifyAdjustment({ group: 'CO', reason: '16', remarks: ['N290', 'MA130'] })).toMatchObject({ category: 'missing-information', action: MA130_ACTION, remark: 'MA130' });
  });

  it('PR-1/2/3 are patient responsibility, CO-45 and CO-253 contractual: none is a denial', () => {
    for (const reason of ['1', '2', '3']) expect(classifyAdjustment({ group: 'PR', reason })).toMatchObject({ category: 'patient-responsibility', denial: false });
    expect(classifyAdjustment({ group: 'CO', reason: '45' })).toMatchObject({ category: 'contractual', denial: false });
    expect(classifyAdjustment({ group: 'CO', reason: '253' })).toMatchObject({ category: 'contractual', denial: false });
    expect(classifyAdjustment({ group: 'OA', reason: '23' })).toMatchObject({ category: 'coordination-of-benefits', denial: false });
  });

  it('CARC+group beats CARC alone (CO-204 vs PR-204)', () => {
    expect(classifyAdjustment({ group: 'CO', reason: '204' })).toMatchObject({ rule: { id: 'co-204-not-in-plan' }, action: "Not covered under the patient's plan and the provider is liable (CO): write it off." });
    expect(classifyAdjustment({ group: 'PR', reason: '204' }).rule?.id).toBe('pr-204-not-in-plan');
    expect(classifyAdjustment({ group: 'OA', reason: '204' }).rule?.id).toBe('carc-204-not-in-plan');
  });

  it('falls back to the group default for a code without a rule, naming the code', () => {
    const c = classifyAdjustment({ group: 'CO', reason: 'B23' });
    expect(c.rule).toBeUndefined();
    expect(c).toMatchObject({ category: 'non-covered', denial: true, source: 'x12d fallback when no rule matches: a person has to read the codes' });
    expect(c.action).toBe('No rule for CO-B23 (Not authorized per CLIA proficiency test): read the reason and remark codes, decide whether to correct, appeal or write off (CO: never bill the patient), and add a rule to config/denial-rules.json.');
    expect(classifyAdjustment({ group: 'PR', reason: '187' })).toMatchObject({ category: 'patient-responsibility', denial: false });
  });

  it('a payer-specific rule overrides the default for that payer only', () => {
    const withPayer = clone(RULES_JSON);
    withPayer.sources['acme-manual'] = 'ACME provider manual 2024, section 7 (test data)';
    withPayer.rules.push({
      id: 'acme-197-m62',
      payer: 'AHP01',
      reason: '197',
      remark: 'M62',
      category: 'authorization',
      action: 'ACME: request a retro-authorization on the ACME portal within 14 days of service, then send a replacement claim (frequency 7).',
      source: 'acme-manual',
      effective: '2024-01-01',
    });
    withPayer.rules.push({ id: 'acme-16', payer: 'AHP01', reason: '16', category: 'missing-information', action: 'ACME: fix it on the ACME portal (claim correction), no new file.', source: 'acme-manual', effective: '2024-01-01' });
    const rules = parseDenialRules(withPayer, 'with-payer');
    const acme = classifyAdjustment({ payerId: ['AHP01', '1870654321'], group: 'CO', reason: '197', remarks: ['M62'] }, rules);
    expect(acme).toMatchObject({ category: 'authorization', rule: { id: 'acme-197-m62', payer: 'AHP01', source: 'ACME provider manual 2024, section 7 (test data)' } });
    expect(acme.action).toContain('ACME portal');
    // Another payer, or no payer: the default rule.
    expect(classifyAdjustment({ payerId: 'OTHER', group: 'CO', reason: '197', remarks: ['M62'] }, rules).rule?.id).toBe('carc-197-m62-authorization-number');
    expect(classifyAdjustment({ group: 'CO', reason: '197', remarks: ['M62'] }, rules).rule?.id).toBe('carc-197-m62-authorization-number');
    // payer+CARC beats CARC alone, but CARC+RARC (MA130) still beats payer+CARC.
    expect(classifyAdjustment({ payerId: 'AHP01', group: 'CO', reason: '16' }, rules).rule?.id).toBe('acme-16');
    expect(classifyAdjustment({ payerId: 'AHP01', group: 'CO', reason: '16', remarks: ['MA130'] }, rules).rule?.id).toBe('ma130-unprocessable');
    // Before the payer rule takes effect, the default applies.
    expect(classifyAdjustment({ payerId: 'AHP01', group: 'CO', reason: '197', remarks: ['M62'], date: '2023-12-31' }, rules).rule?.id).toBe('carc-197-m62-authorization-number');
  });

  it('skips rules not yet in effect on the date of service (CO-253 sequestration from 2013-04-01)', () => {
    expect(classifyAdjustment({ group: 'CO', reason: '253', date: '2013-04-01' }).rule?.id).toBe('co-253-sequestration');
    expect(classifyAdjustment({ group: 'CO', reason: '253', date: '2013-03-31' }).rule).toBeUndefined();
  });
});

describe('classifyDenial on the sample remittances', () => {
  let remittance: Remittance;
  let checkPayment: Remittance;
  beforeAll(async () => {
    remittance = await sampleRecord<Remittance>('835/remittance.x12');
    checkPayment = await sampleRecord<Remittance>('835/check-payment.x12');
  });
  const byPcn = (r: Remittance, pcn: string, status?: string) => r.claims.find((c) => c.patientControlNumber === pcn && (status === undefined || c.status === status))!;

  it('a denied claim with CO-197 and M62 on both lines is an authorization denial with all its codes', () => {
    const d = classifyDenial(byPcn(remittance, 'PMC24031502'), { payerId: 'AHP01' })!;
    expect(d).toMatchObject({ patientControlNumber: 'PMC24031502', payerClaimControlNumber: '2024081000222', statusCode: '4', claimDenied: true, rootCause: 'authorization', amount: '1800.00' });
    expect(d.reasonCodes).toEqual(['CO-197', 'M62']);
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ level: 'claim', ruleId: 'carc-197-m62-authorization-number', amount: '1800.00' });
    expect(d.action).toContain('replacement claim (frequency 7)');
    expect(d.description).toBe('Precertification/authorization/notification absent (CO-197); M62: Missing/incomplete/invalid treatment authorization code');
    expect(denialQueueFields(d, d.items[0])).toEqual({
      patientControlNumber: 'PMC24031502',
      source: '835',
      rootCause: 'authorization',
      action: d.action,
      reasonCodes: ['CO-197', 'M62'],
      description: d.description,
      amount: '1800.00',
    });
  });

  it('OA-22 with MA04 is coordination of benefits; PR-27 is eligibility', () => {
    const cob = classifyDenial(byPcn(checkPayment, 'PMC24040202'))!;
    expect(cob).toMatchObject({ rootCause: 'coordination-of-benefits', reasonCodes: ['OA-22', 'MA04'], amount: '190.00' });
    const elig = classifyDenial(byPcn(checkPayment, 'PMC24040203'))!;
    expect(elig).toMatchObject({ rootCause: 'eligibility', reasonCodes: ['PR-27'], amount: '165.00' });
    expect(elig.action).toContain('271');
  });

  it('paid claims without denied lines, and reversals, have no denial', () => {
    expect(classifyDenial(byPcn(remittance, 'PMC24031501'))).toBeUndefined();
    expect(classifyDenial(byPcn(remittance, 'PMC24022003', '22'))).toBeUndefined();
    expect(classifyDenial(byPcn(remittance, 'PMC24022003', '1'))).toBeUndefined();
    for (const c of checkPayment.claims.filter((x) => x.status !== '4')) expect(classifyDenial(c)).toBeUndefined();
  });
});

describe('classifyDenial on hand-built claims', () => {
  const line = (procedureCode: string, charge: string, paid: string, adjustments: unknown[], extra: Record<string, unknown> = {}) => ({ procedureCode, charge, paid, adjustments, serviceDate: '2024-03-11', ...extra });

  it('a paid claim with one line denied CO-4 gives one line item with the modifier action', () => {
    const c = claim({
      patientControlNumber: 'H1',
      charge: '2150.00',
      paid: '900.00',
      serviceLines: [
        line('64483', '1450.00', '900.00', [{ group: 'CO', reason: '45', amount: '550.00' }], { modifiers: ['RT'], lineControlNumber: 'H1L1' }),
        line('64484', '700.00', '0.00', [{ group: 'CO', reason: '4', amount: '700.00' }], { modifiers: ['50'], lineControlNumber: 'H1L2', remarks: [{ qualifier: 'HE', code: 'N822' }] }),
      ],
    });
    const d = classifyDenial(c)!;
    expect(d).toMatchObject({ claimDenied: false, rootCause: 'coding-or-modifier', action: MODIFIER_ACTION, reasonCodes: ['CO-4', 'N822'], amount: '700.00' });
    expect(d.items).toEqual([expect.objectContaining({ level: 'line', lineIndex: 1, procedureCode: '64484', modifiers: ['50'], lineControlNumber: 'H1L2', rootCause: 'coding-or-modifier', amount: '700.00' })]);
    expect(denialQueueFields(d, d.items[0]).rootCause).toBe('coding');
  });

  it('a denied claim picks the primary root cause by precedence and lists every code', () => {
    const c = claim({
      patientControlNumber: 'H2',
      status: '4',
      charge: '1000.00',
      paid: '0.00',
      serviceLines: [
        line('20552', '300.00', '0.00', [{ group: 'CO', reason: '97', amount: '300.00' }], { remarks: [{ qualifier: 'HE', code: 'M15' }] }),
        line('64493', '700.00', '0.00', [{ group: 'CO', reason: '197', amount: '700.00' }]),
      ],
    });
    const d = classifyDenial(c)!;
    // Authorization comes before bundling in the file's precedence.
    expect(d.rootCause).toBe('authorization');
    expect(d.reasonCodes).toEqual(['CO-97', 'CO-197', 'M15']);
    expect(d.items[0].adjustments.map((a) => [a.code, a.category, a.lineIndex])).toEqual([
      ['CO-97', 'bundling', 0],
      ['CO-197', 'authorization', 1],
    ]);
  });

  it('CO-29 on a denied claim is timely filing; OA-18 is a duplicate', () => {
    const tf = classifyDenial(claim({ patientControlNumber: 'H3', status: '4', charge: '500.00', paid: '0.00', adjustments: [{ group: 'CO', reason: '29', amount: '500.00' }] }))!;
    expect(tf).toMatchObject({ rootCause: 'timely-filing', reasonCodes: ['CO-29'], amount: '500.00' });
    const dup = classifyDenial(claim({ patientControlNumber: 'H4', status: '4', charge: '500.00', paid: '0.00', serviceLines: [line('99213', '500.00', '0.00', [{ group: 'OA', reason: '18', amount: '500.00' }])] }))!;
    expect(dup).toMatchObject({ rootCause: 'duplicate', reasonCodes: ['OA-18'] });
    expect(storedRootCause(tf.rootCause)).toBe('timely_filing');
  });

  it('MA130 at the claim level (MOA) reaches the line adjustments', () => {
    const d = classifyDenial(
      claim({
        patientControlNumber: 'H5',
        status: '4',
        charge: '400.00',
        paid: '0.00',
        outpatient: { remarkCodes: ['MA130'] },
        serviceLines: [line('64490', '400.00', '0.00', [{ group: 'CO', reason: '16', amount: '400.00' }], { remarks: [{ qualifier: 'HE', code: 'M51' }] })],
      }),
    )!;
    expect(d).toMatchObject({ rootCause: 'missing-information', action: MA130_ACTION, reasonCodes: ['CO-16', 'MA130', 'M51'] });
  });

  it('a zero-paid line written off as contractual is queued; a zero-paid line the patient owes is not', () => {
    const c = claim({
      patientControlNumber: 'H6',
      charge: '300.00',
      paid: '0.00',
      serviceLines: [
        line('77003', '100.00', '0.00', [{ group: 'CO', reason: '45', amount: '100.00' }]),
        line('99213', '200.00', '0.00', [
          { group: 'CO', reason: '45', amount: '90.00' },
          { group: 'PR', reason: '1', amount: '110.00' },
        ]),
      ],
    });
    const d = classifyDenial(c)!;
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ lineIndex: 0, procedureCode: '77003', rootCause: 'non-covered', amount: '100.00', reasonCodes: ['CO-45'] });
    expect(d.items[0].action).toBe('The line paid nothing and was adjusted off as CO-45 (Charge exceeds fee schedule/maximum allowable/contracted rate): check the contract has a rate for this code and appeal if it should have paid.');
  });

  it('a denied claim without any reason code still gets an item (the deniedClaim default)', () => {
    const d = classifyDenial(claim({ patientControlNumber: 'H7', status: '4', charge: '250.00', paid: '0.00' }))!;
    expect(d).toMatchObject({ rootCause: 'non-covered', amount: '250.00', reasonCodes: [], description: 'denied without a reason code' });
    expect(d.action).toContain('call the payer');
  });
});
