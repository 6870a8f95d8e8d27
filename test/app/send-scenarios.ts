import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildAcknowledgments } from '../../src/acks/ack999.js';
import { ingestFile } from '../../src/app/ingest.js';
import { sendDocuments, type SendInput } from '../../src/app/send.js';
import { runSend } from '../../src/cli/send.js';
import { main } from '../../src/cli/main.js';
import { autocommit, readFileBytes, type Storage } from '../../src/db/index.js';
import type { AuthorizationRequest, AuthorizationResponse } from '../../src/documents/authorization.js';
import type { ClaimAcknowledgment } from '../../src/documents/claim-acknowledgment.js';
import { type ParsedDocument, readDocuments, writeDocuments } from '../../src/documents/convert.js';
import type { EligibilityInquiry, EligibilityResponse } from '../../src/documents/eligibility.js';
import { documentRegistry } from '../../src/documents/index.js';
import type { ProfessionalClaim } from '../../src/documents/professional-claim.js';
import { isX12dError } from '../../src/errors.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';
import { InMemoryControlNumbers } from '../../src/x12/writer.js';
import { counts, sample } from './scenarios.js';

type Row = Record<string, unknown>;
type Doc = SendInput['documents'][number];

const q = (storage: Storage, sql: string, params: unknown[] = []) => autocommit(storage).query<Row>(sql, params);

/** A tag no other test (or run) uses, for partner codes, patient control numbers and trace numbers. */
const fresh = (): string => randomBytes(3).toString('hex').toUpperCase();

/** The documents of a sample, as `x12d to-json` prints them. */
async function documentsOf(rel: string): Promise<Doc[]> {
  const docs: ParsedDocument[] = [];
  await readDocuments(sample(rel), documentRegistry(), (d) => docs.push(d));
  return docs.map((d) => ({ set: d.set, guide: d.guide, type: d.type, envelope: d.envelope, record: structuredClone(d.record) }));
}

/** A trading partner as the daemon writes it from the configuration; the samples address ZZ:AHP01. */
async function partner(storage: Storage, code: string, isaId = 'AHP01'): Promise<bigint> {
  const [row] = await q(
    storage,
    `insert into trading_partner (code, name, isa_qualifier, isa_id) values (?, ?, 'ZZ', ?)
     on conflict (code) do update set isa_id = excluded.isa_id returning id`,
    [code, `Partner ${code}`, isaId],
  );
  return BigInt(String(row.id));
}

/** The sample 837P (three claims) with the patient control numbers prefixed by `tag`. */
async function claimsDocument(tag: string): Promise<Doc> {
  const [doc] = await documentsOf('837p/professional-claims.x12');
  const record = doc.record as ProfessionalClaim;
  const claims = record.claims.map((c) => ({ ...c, patientControlNumber: `${tag}${c.patientControlNumber}` }));
  return { ...doc, record: { ...record, claims } };
}

/** What the receiver's x12d would answer: the 999 for the bytes it got (its own control numbers, so no two are the same bytes). */
async function ack999For(bytes: Buffer): Promise<Buffer> {
  const v = await validateX12(bytes, { registry: defaultRegistry(), level: 2, keepTransactions: true });
  return Buffer.from(await buildAcknowledgments(v, { allocator: new InMemoryControlNumbers(randomInt(1, 900_000_000)) }), 'latin1');
}

async function x12Of(documents: Doc[]): Promise<Buffer> {
  const parts: string[] = [];
  await writeDocuments({ documents }, documentRegistry(), (s) => parts.push(s), { partner: 'TEST' });
  return Buffer.from(parts.join(''), 'latin1');
}

async function outboundBytes(storage: Storage, fileId: bigint): Promise<Buffer> {
  const [f] = await q(storage, `select sha256 from file where id = ?`, [fileId]);
  return readFileBytes(storage, { sha256: String(f.sha256) });
}

async function envelopeRows(storage: Storage, fileId: bigint): Promise<Row[]> {
  return q(
    storage,
    `select i.direction, i.status as x_status, i.control_number as isa13, i.partner_id, g.functional_id, g.control_number as gs06, g.status as g_status, g.ack_code as g_ack,
            ts.id as set_row, ts.set_id, ts.control_number as st02, ts.status as s_status, ts.ack_code as s_ack
       from interchange i join functional_group g on g.interchange_id = i.id join transaction_set ts on ts.group_id = g.id
      where i.file_id = ? order by ts.id`,
    [fileId],
  );
}

/** The scenarios of x12d as the sender, on whichever storage (embedded or PostgreSQL) the suite started and migrated. */
export function sendScenarios(get: () => Storage): void {
  it('sends an 837P: one queued file for the partner, pending envelopes with the control numbers written, submitted claims; an accepted 999 then marks them', async () => {
    const storage = get();
    const tag = fresh();
    const code = `acme-${tag}`;
    const partnerId = await partner(storage, code);
    const sent = await sendDocuments(storage, { documents: [await claimsDocument(tag)] }, { partnerCode: code });
    expect(sent).toMatchObject({ partnerCode: code, sets: 1, claims: 3, serviceLines: 6, eligibilityChecks: 0, authorizationRequests: 0 });
    // A new partner's counters start at 1.
    expect(sent.interchanges).toEqual([
      { control: '000000001', sender: 'DSPC0001', receiver: 'AHP01', groups: [{ functionalId: 'HC', control: '1', sets: [{ set: '837', control: '0001', type: 'ProfessionalClaim', transactionSetId: expect.any(BigInt) }] }] },
    ]);
    expect(sent.name).toBe('837-000000001.x12');

    const [file] = await q(storage, `select direction, status, source, partner_id, name from file where id = ?`, [sent.fileId]);
    expect(file).toMatchObject({ direction: 'outbound', status: 'queued', source: 'generated', partner_id: String(partnerId), name: '837-000000001.x12' });
    const bytes = await outboundBytes(storage, sent.fileId);
    expect(bytes.toString('latin1')).toContain(`CLM*${tag}PMC24031501*`);
    const envelopes = await envelopeRows(storage, sent.fileId);
    expect(envelopes).toEqual([
      expect.objectContaining({ direction: 'outbound', x_status: 'pending', isa13: '000000001', partner_id: String(partnerId), functional_id: 'HC', gs06: '1', g_status: 'pending', set_id: '837', st02: '0001', s_status: 'pending' }),
    ]);
    const setRow = String(envelopes[0].set_row);
    expect(setRow).toBe(sent.interchanges[0].groups[0].sets[0].transactionSetId.toString());
    const claims = await q(storage, `select id, patient_control_number, status, transaction_set_id, partner_id, total_charge from claim where file_id = ? order by id`, [sent.fileId]);
    expect(claims.map((c) => [c.patient_control_number, c.status, c.transaction_set_id, c.total_charge])).toEqual([
      [`${tag}PMC24031501`, 'submitted', setRow, '2150.00'],
      [`${tag}PMC24031502`, 'submitted', setRow, '1800.00'],
      [`${tag}PMC24022003`, 'submitted', setRow, '4275.00'],
    ]);
    const [{ n: lines }] = await q(storage, `select count(*)::int as n from service_line where claim_id = any(?::bigint[])`, [claims.map((c) => String(c.id))]);
    expect(lines).toBe(6);

    // The payer's x12d reads the file clean and accepts it.
    const ack = await ack999For(bytes);
    expect(ack.toString('latin1')).toMatch(/AK1\*HC\*1\*005010X222A1~/);
    expect(ack.toString('latin1')).toContain('IK5*A');
    const r = await ingestFile(storage, { bytes: ack, name: '999.x12', source: 'cli', partnerCode: code });
    expect(r.status).toBe('processed');
    expect(r.transactions).toMatchObject([{ set: '999', status: 'routed', claims: 3, denials: 0 }]);
    expect(r.transactions[0].note).toBeUndefined();
    expect(await envelopeRows(storage, sent.fileId)).toEqual([expect.objectContaining({ g_status: 'accepted', g_ack: 'A', s_status: 'accepted', s_ack: 'A' })]);
    const events = await q(storage, `select claim_id, source, kind, category_code from claim_status_event where file_id = ? order by claim_id`, [r.fileId]);
    expect(events).toEqual(claims.map((c) => ({ claim_id: c.id, source: '999', kind: 'accepted', category_code: 'A' })));
    expect((await q(storage, `select distinct status from claim where file_id = ?`, [sent.fileId])).map((c) => c.status)).toEqual(['submitted']);
  });

  it('a 999 rejecting the set (for a damaged copy) marks the set rejected and puts its claims in the denial queue from source 999', async () => {
    const storage = get();
    const tag = fresh();
    const code = `acme-${tag}`;
    await partner(storage, code);
    const sent = await sendDocuments(storage, { documents: [await claimsDocument(tag)] }, { partnerCode: code });
    // What the payer received, with the subscriber's date format qualifier damaged on the way (same control numbers).
    const damaged = Buffer.from((await outboundBytes(storage, sent.fileId)).toString('latin1').replace('DMG*D8*19700512', 'DMG*XX*19700512'), 'latin1');
    const ack = await ack999For(damaged);
    expect(ack.toString('latin1')).toContain('IK5*R');
    expect(ack.toString('latin1')).toContain('AK9*R');
    const r = await ingestFile(storage, { bytes: ack, name: '999-rejected.x12', source: 'cli', partnerCode: code });
    expect(r.status).toBe('processed');
    expect(r.denials).toBe(3);
    expect(await envelopeRows(storage, sent.fileId)).toEqual([expect.objectContaining({ g_status: 'rejected', g_ack: 'R', s_status: 'rejected', s_ack: 'R' })]);
    const claims = await q(storage, `select id, patient_control_number, status from claim where file_id = ? order by id`, [sent.fileId]);
    expect(claims.map((c) => c.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const denials = await q(storage, `select claim_id, patient_control_number, source, root_cause, reason_codes, description, action from denial_queue_item where claim_id = any(?::bigint[]) order by claim_id`, [claims.map((c) => String(c.id))]);
    expect(denials.map((d) => [d.claim_id, d.patient_control_number, d.source, d.root_cause])).toEqual(claims.map((c) => [c.id, c.patient_control_number, '999', 'front_end_rejection']));
    const jane = denials[0];
    expect(jane.reason_codes).toContain('IK4:DMG01:7');
    expect(String(jane.description)).toMatch(/invalid code value/);
    expect(String(jane.description)).not.toMatch(/19700512|XX/);
    expect(String(jane.action)).toMatch(/new claims?/);
  });

  it('a 277CA for the sent claims: A1 accepted, A3 and A7 rejected into the denial queue, matched by patient control number', async () => {
    const storage = get();
    const tag = fresh();
    const code = `acme-${tag}`;
    await partner(storage, code);
    const sent = await sendDocuments(storage, { documents: [await claimsDocument(tag)] }, { partnerCode: code });
    // The sample 277CA, answering our three claims only: A1:19, A3:400 and A7:164:IL.
    const ours: Record<string, string> = { DSP24031102: `${tag}PMC24031501`, DSP24031201: `${tag}PMC24031502`, SPA24031302: `${tag}PMC24022003` };
    const [doc] = await documentsOf('277ca/claim-acknowledgment.x12');
    const record = doc.record as ClaimAcknowledgment;
    const providers = record.providers
      .map((p) => ({ ...p, claims: p.claims.filter((c) => c.patientControlNumber in ours).map((c) => ({ ...c, patientControlNumber: ours[c.patientControlNumber] })) }))
      .filter((p) => p.claims.length > 0);
    expect(providers.flatMap((p) => p.claims)).toHaveLength(3);
    const r = await ingestFile(storage, { bytes: await x12Of([{ ...doc, record: { ...record, providers } }]), name: '277ca.x12', source: 'cli', partnerCode: code });
    expect(r.status).toBe('processed');
    expect(r.denials).toBe(2);
    const claims = await q(storage, `select id, patient_control_number, status from claim where file_id = ? order by id`, [sent.fileId]);
    expect(claims.map((c) => [c.patient_control_number, c.status])).toEqual([
      [`${tag}PMC24031501`, 'accepted'],
      [`${tag}PMC24031502`, 'rejected'],
      [`${tag}PMC24022003`, 'rejected'],
    ]);
    const events = await q(storage, `select claim_id, source, kind, category_code, status_code from claim_status_event where file_id = ? order by claim_id`, [r.fileId]);
    expect(events.map((e) => [e.claim_id, e.source, e.kind, e.category_code, e.status_code])).toEqual([
      [claims[0].id, '277CA', 'accepted', 'A1', '19'],
      [claims[1].id, '277CA', 'rejected', 'A3', '400'],
      [claims[2].id, '277CA', 'rejected', 'A7', '164'],
    ]);
    const denials = await q(storage, `select claim_id, source, root_cause, reason_codes from denial_queue_item where claim_id = any(?::bigint[]) order by claim_id`, [claims.map((c) => String(c.id))]);
    expect(denials).toEqual([
      { claim_id: claims[1].id, source: '277CA', root_cause: 'front_end_rejection', reason_codes: ['A3:400'] },
      { claim_id: claims[2].id, source: '277CA', root_cause: 'front_end_rejection', reason_codes: ['A7:164:IL'] },
    ]);
  });

  it('sends a 270 (an eligibility check per inquiry, by TRN02); the 271 answers them, and inactive coverage becomes a work item', async () => {
    const storage = get();
    const tag = fresh();
    const code = `acme-${tag}`;
    const partnerId = await partner(storage, code);
    const [inquiry] = await documentsOf('270/eligibility-inquiry.x12');
    const traces = [`${tag}-ELG-1`, `${tag}-ELG-2`];
    const asked = inquiry.record as EligibilityInquiry;
    const sent = await sendDocuments(
      storage,
      { documents: [{ ...inquiry, record: { ...asked, inquiries: asked.inquiries.map((x, i) => ({ ...x, trace: { ...x.trace!, number: traces[i] } })) } }] },
      { partnerCode: code },
    );
    expect(sent).toMatchObject({ sets: 1, claims: 0, eligibilityChecks: 2, authorizationRequests: 0 });
    expect(sent.interchanges[0].groups[0]).toMatchObject({ functionalId: 'HS', sets: [{ set: '270', type: 'EligibilityInquiry' }] });
    const checks = await q(storage, `select id, trace_number, payer_id, member_id, service_type_codes, status, file_id, partner_id from eligibility_check where file_id = ? order by id`, [sent.fileId]);
    expect(checks.map((c) => [c.trace_number, c.payer_id, c.member_id, c.service_type_codes, c.status, c.partner_id])).toEqual([
      [traces[0], 'AHP01', 'W123456789', ['30'], 'pending', String(partnerId)],
      [traces[1], 'AHP01', 'W987654321', ['30'], 'pending', String(partnerId)],
    ]);

    // The payer's 271: Jane's coverage active, Maria's inactive since February.
    const [answerDoc] = await documentsOf('271/eligibility-active.x12');
    const answer = answerDoc.record as EligibilityResponse;
    answer.responses.forEach((e, i) => (e.traces = e.traces.map((t) => (t.type === '2' ? { ...t, number: traces[i] } : t))));
    const maria = answer.responses[1];
    maria.coverage.plan = { ...maria.coverage.plan!, information: '6' };
    maria.subscriber.dates = [{ qualifier: '347', from: '2024-02-29' }];
    const r = await ingestFile(storage, { bytes: await x12Of([answerDoc]), name: '271.x12', source: 'cli', partnerCode: code });
    expect(r.status).toBe('processed');
    expect(r.workItems).toBe(1);
    const responses = await q(storage, `select check_id, trace_number, coverage_active from eligibility_response where file_id = ? order by id`, [r.fileId]);
    expect(responses).toEqual([
      { check_id: checks[0].id, trace_number: traces[0], coverage_active: true },
      { check_id: checks[1].id, trace_number: traces[1], coverage_active: false },
    ]);
    expect((await q(storage, `select status from eligibility_check where file_id = ? order by id`, [sent.fileId])).map((c) => c.status)).toEqual(['answered', 'answered']);
    const items = await q(storage, `select * from denial_queue_item where source = '271' and patient_control_number = ?`, [traces[1]]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ claim_id: null, root_cause: 'eligibility', reason_codes: ['EB01:6'], status: 'open' });
    expect(String(items[0].description)).toBe(`Coverage inactive (EB01 6: inactive) since 2024-02-29 for inquiry ${traces[1]}.`);
    expect(String(items[0].action)).toMatch(/current insurance.*self-pay/);
    expect(JSON.stringify(items[0])).not.toMatch(/MARIA|SMITH|1974/);
  });

  it('sends 278 requests (requested, by TRN02); the responses update them, and the one not certified becomes a work item', async () => {
    const storage = get();
    const tag = fresh();
    const code = `acme-${tag}`;
    await partner(storage, code);
    const requests = await documentsOf('278req/authorization-request.x12');
    const traces = [`${tag}-UM-1`, `${tag}-UM-2`];
    const documents = requests.map((d, i) => {
      const r = d.record as AuthorizationRequest;
      // The second carries the practice's patient account number (REF*EJ).
      const subscriber = i === 1 ? { ...r.subscriber, references: [{ qualifier: 'EJ', value: `${tag}ACCT2` }] } : r.subscriber;
      return { ...d, record: { ...r, subscriber, event: { ...r.event, trace: { ...r.event.trace!, number: traces[i] } } } };
    });
    const sent = await sendDocuments(storage, { documents }, { partnerCode: code });
    expect(sent).toMatchObject({ sets: 2, authorizationRequests: 2, eligibilityChecks: 0, claims: 0 });
    expect(sent.interchanges[0].groups[0].sets.map((s) => [s.set, s.control, s.type])).toEqual([
      ['278', '0001', 'AuthorizationRequest'],
      ['278', '0002', 'AuthorizationRequest'],
    ]);
    expect((await outboundBytes(storage, sent.fileId)).toString('latin1')).toContain(`REF*EJ*${tag}ACCT2~`);
    const asked = await q(storage, `select id, trace_number, patient_control_number, status, request_file_id, response_file_id from prior_authorization where request_file_id = ? order by id`, [sent.fileId]);
    expect(asked.map((a) => [a.trace_number, a.patient_control_number, a.status, a.response_file_id])).toEqual([
      [traces[0], null, 'requested', null],
      [traces[1], `${tag}ACCT2`, 'requested', null],
    ]);

    const answer = async (rel: string, trace: string) => {
      const [doc] = await documentsOf(rel);
      const rec = doc.record as AuthorizationResponse;
      rec.event!.traces = rec.event!.traces.map((t) => (t.type === '2' ? { ...t, number: trace } : t));
      return ingestFile(storage, { bytes: await x12Of([doc]), name: `${trace}.x12`, source: 'cli', partnerCode: code });
    };
    const certified = await answer('278resp/authorization-certified.x12', traces[0]);
    expect(certified).toMatchObject({ status: 'processed', workItems: 0 });
    const denied = await answer('278resp/authorization-not-certified.x12', traces[1]);
    expect(denied).toMatchObject({ status: 'processed', workItems: 1 });
    const after = await q(
      storage,
      `select id, status, review_decision_code, certification_number, effective_from::text as f, effective_to::text as t, request_file_id, response_file_id from prior_authorization where request_file_id = ? order by id`,
      [sent.fileId],
    );
    expect(after).toEqual([
      { id: asked[0].id, status: 'approved', review_decision_code: 'A1', certification_number: 'AHP2402280417', f: '2024-03-01', t: '2024-05-31', request_file_id: String(sent.fileId), response_file_id: String(certified.fileId) },
      { id: asked[1].id, status: 'denied', review_decision_code: 'A3', certification_number: 'AHP2402290981', f: '2024-03-15', t: '2024-06-14', request_file_id: String(sent.fileId), response_file_id: String(denied.fileId) },
    ]);
    // Matched, not added beside the requests.
    expect(await q(storage, `select id from prior_authorization where trace_number = any(?::text[]) and request_file_id is null`, [traces])).toEqual([]);
    const [item] = await q(storage, `select * from denial_queue_item where source = '278' and patient_control_number = ?`, [`${tag}ACCT2`]);
    expect(item).toMatchObject({ claim_id: null, root_cause: 'authorization', reason_codes: ['HCR:A3:0F'], status: 'open' });
    expect(String(item.description)).toBe(`Not certified AHP2402290981, 2024-03-15 to 2024-06-14 (reason 0F), for request ${traces[1]}.`);
    expect(String(item.action)).toMatch(/peer-to-peer/);
    expect(String(item.action)).toMatch(/appeal/);
  });

  it('matches a 999 to the group sent to the partner it came from when two partners have the same GS06', async () => {
    const storage = get();
    const tag = fresh();
    await partner(storage, `acme-${tag}`);
    await partner(storage, `beta-${tag}`);
    const a = await sendDocuments(storage, { documents: [await claimsDocument(`${tag}A`)] }, { partnerCode: `acme-${tag}` });
    const b = await sendDocuments(storage, { documents: [await claimsDocument(`${tag}B`)] }, { partnerCode: `beta-${tag}` });
    expect(a.interchanges[0].groups[0].control).toBe(b.interchanges[0].groups[0].control);
    const r = await ingestFile(storage, { bytes: await ack999For(await outboundBytes(storage, a.fileId)), name: '999.x12', source: 'cli', partnerCode: `acme-${tag}` });
    expect(r.status).toBe('processed');
    expect((await envelopeRows(storage, a.fileId))[0]).toMatchObject({ g_status: 'accepted' });
    expect((await envelopeRows(storage, b.fileId))[0]).toMatchObject({ g_status: 'pending' });
  });

  it('refuses documents it cannot send, naming the document and the finding (no patient data), and keeps nothing, control numbers included', async () => {
    const storage = get();
    const tag = fresh();
    const code = `acme-${tag}`;
    await partner(storage, code);
    const refusal = async (input: SendInput, partnerCode = code): Promise<string> => {
      try {
        await sendDocuments(storage, input, { partnerCode });
      } catch (e) {
        expect(isX12dError(e, 'X12D_ERR_SEND_REFUSED')).toBe(true);
        return (e as Error).message;
      }
      throw new Error('expected a refusal');
    };
    const before = await counts(storage);
    const good = await claimsDocument(tag);

    // Accepted by the record's schema, but NM103 is longer than the guide allows: SNIP 1.
    const record = structuredClone(good.record) as ProfessionalClaim;
    (record.claims[0].subscriber.name as { last: string }).last = `DOE${'X'.repeat(60)}`;
    const invalid = await refusal({ documents: [good, { ...good, record }] });
    expect(invalid).toMatch(/^documents\[1\] \(ProfessionalClaim, 837 set 0002\) fails validation: SNIP 1 IK4 5 at segment \d+ NM103/);
    expect(invalid).not.toMatch(/DOE|JANE/);

    const [inquiry] = await documentsOf('270/eligibility-inquiry.x12');
    const asked = inquiry.record as EligibilityInquiry;
    expect(await refusal({ documents: [{ ...inquiry, record: { ...asked, inquiries: [{ ...asked.inquiries[0], trace: undefined }] } }] })).toMatch(/documents\[0\]: 270 inquiry 1 has no trace number/);
    expect(await refusal({ documents: [{ ...inquiry, record: { ...asked, inquiries: [asked.inquiries[0], asked.inquiries[0]] } }] })).toMatch(/repeats the trace number/);
    expect(await refusal({ documents: [{ ...good, envelope: { ...good.envelope!, receiver: 'OTHERPAYER' } }] })).toMatch(/addressed to ISA ZZ:OTHERPAYER, but partner acme-\w+ is ISA ZZ:AHP01/);
    expect(await refusal({ documents: [good] }, `nobody-${tag}`)).toMatch(/unknown trading partner/);
    expect(await refusal({ documents: [] })).toMatch(/no documents/);
    expect(await refusal({ documents: [{ set: '837', guide: '005010X222A1', record: { claims: [] } }] } as SendInput)).toMatch(/^documents\[0\]\.record\./);

    expect(await counts(storage)).toEqual(before);
    // The numbers taken for the refused file were given back: the first file sent is still number 1.
    const sent = await sendDocuments(storage, { documents: [good] }, { partnerCode: code });
    expect(sent.interchanges[0].control).toBe('000000001');
  });

  it('writes envelope rows for the 999 and 277CA it sends back for an inbound 837P, numbered with what it sends the partner', async () => {
    const storage = get();
    const tag = fresh();
    // x12d as the clearinghouse of a clinic (ISA DSPC0001): the clinic's claims come in, the answers go back.
    const code = `clinic-${tag}`;
    await partner(storage, code, 'DSPC0001');
    const claims = await claimsDocument(tag);
    const bytes = await x12Of([claims]);
    const r = await ingestFile(storage, { bytes, name: 'inbound-837.x12', source: 'cli', partnerCode: code });
    expect(r.status).toBe('processed');
    expect(r.outboundFileIds).toHaveLength(2);
    const [ack999, ack277] = await Promise.all(r.outboundFileIds.map((id) => envelopeRows(storage, id)));
    expect(ack999).toEqual([expect.objectContaining({ direction: 'outbound', x_status: 'pending', functional_id: 'FA', set_id: '999', s_status: 'pending' })]);
    expect(ack277).toEqual([expect.objectContaining({ direction: 'outbound', x_status: 'pending', functional_id: 'HN', set_id: '277', s_status: 'pending' })]);
    // The control numbers in the rows are those in the bytes.
    const written = (await outboundBytes(storage, r.outboundFileIds[1])).toString('latin1');
    expect(written).toContain(`ST*277*${String(ack277[0].st02)}*005010X214~`);
    expect(written).toContain(`GS*HN*`);
    expect(written).toMatch(new RegExp(`\\*${String(ack277[0].gs06)}\\*X\\*005010X214~`));
    // The partner's counters: the 999 and the 277CA took 1 and 2, what x12d sends it next takes 3.
    expect([ack999[0].isa13, ack277[0].isa13]).toEqual(['000000001', '000000002']);
    const sent = await sendDocuments(storage, { documents: [{ ...claims, envelope: { ...claims.envelope!, sender: 'X12D', receiver: 'DSPC0001' } }] }, { partnerCode: code });
    expect(sent.interchanges[0].control).toBe('000000003');
  });

  it('runs `x12d send FILE.json --partner CODE` with text and --json output, and its refusals and misuse', async () => {
    const storage = get();
    const tag = fresh();
    const code = `acme-${tag}`;
    await partner(storage, code);
    const dir = mkdtempSync(join(tmpdir(), 'x12d-send-'));
    const claimsJson = join(dir, 'claims.json');
    writeFileSync(claimsJson, JSON.stringify({ documents: [await claimsDocument(tag)] }));
    const [inquiry] = await documentsOf('270/eligibility-inquiry.x12');
    const asked = inquiry.record as EligibilityInquiry;
    const checksJson = join(dir, 'checks.json');
    writeFileSync(checksJson, JSON.stringify({ documents: [{ ...inquiry, record: { ...asked, inquiries: asked.inquiries.map((x, i) => ({ ...x, trace: { ...x.trace!, number: `${tag}-CLI-${i}` } })) } }] }));

    const outs: string[] = [];
    const errs: string[] = [];
    const run = (argv: string[]) => runSend(argv, (s) => outs.push(s), (s) => errs.push(s), { storage });
    expect(await run([claimsJson, checksJson, '--partner', code, '--json'])).toBe(0);
    expect(errs.join('')).toBe('');
    const report = JSON.parse(outs.join('')) as { files: { file: string; status: string; fileId: string; name: string; interchanges: { control: string; groups: { control: string; sets: { set: string; control: string }[] }[] }[]; claims: number; eligibilityChecks: number }[] };
    expect(report.files.map((f) => [f.status, f.name, f.claims, f.eligibilityChecks])).toEqual([
      ['queued', '837-000000001.x12', 3, 0],
      ['queued', '270-000000002.x12', 0, 2],
    ]);
    expect(report.files[1].interchanges[0]).toEqual({ control: '000000002', sender: 'DSPC0001', receiver: 'AHP01', groups: [{ functionalId: 'HS', control: '2', sets: [{ set: '270', control: '0002', type: 'EligibilityInquiry', transactionSetId: expect.stringMatching(/^\d+$/) }] }] });
    const [row] = await q(storage, `select direction, status, source from file where id = ?`, [report.files[0].fileId]);
    expect(row).toEqual({ direction: 'outbound', status: 'queued', source: 'cli' });
    // Who sent what to whom is in the audit trail: counts and control numbers, no claim content.
    const [audit] = await q(storage, `select actor, action, target_type, detail from audit_event where action = 'send' and target_id = ?`, [report.files[0].fileId]);
    expect(audit).toMatchObject({ actor: expect.stringMatching(/.+@.+/), action: 'send', target_type: 'file', detail: { partner: code, name: '837-000000001.x12', sets: ['837 0001'], claims: 3 } });

    outs.length = 0;
    writeFileSync(claimsJson, JSON.stringify({ documents: [await claimsDocument(`${tag}T`)] }));
    expect(await run([claimsJson, '--partner', code])).toBe(0);
    expect(outs.join('')).toMatch(new RegExp(`claims\\.json: queued for ${code} as 837-000000003\\.x12 \\[file \\d+\\]\\n  ISA13 000000003  GS HC 3  ST 837 0003  ProfessionalClaim\\n  3 claim\\(s\\) with 6 service line\\(s\\), 0 eligibility check\\(s\\), 0 authorization request\\(s\\)\\n`));

    errs.length = 0;
    expect(await run([claimsJson, '--partner', `nobody-${tag}`])).toBe(1);
    expect(errs.join('')).toMatch(/refused: unknown trading partner/);
    expect(await run([claimsJson])).toBe(2);
    expect(errs.join('')).toMatch(/needs --partner CODE/);
    expect(await run([join(dir, 'missing.json'), '--partner', code])).toBe(2);
    expect(await run(['--partner', code])).toBe(2);

    const help: string[] = [];
    expect(await main(['help'], (s) => help.push(s), () => undefined)).toBe(0);
    expect(help.join('')).toContain('x12d send FILE.json... --partner CODE');
  });
}
