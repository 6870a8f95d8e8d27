// The logger's tests (src/log/); kept here until test/log/ exists.
import { describe, expect, it } from 'vitest';
import { X12dError } from '../../src/errors.js';
import { createLogger, fileLogger, REDACTED, serializeError } from '../../src/log/index.js';

function collect(level = 'trace') {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

// Values a log line must never carry.
const PHI = {
  name: 'JANE Q DOE',
  first: 'JANE',
  last: 'DOE',
  birthDate: '1961-04-17',
  memberId: 'XYZ123456789',
  patientControlNumber: 'PCN-7781-A',
  badValue: 'DOE*JANE',
  record: { subscriber: { last: 'DOE', first: 'JANE', id: 'XYZ123456789' } },
  segment: 'NM1*IL*1*DOE*JANE****MI*XYZ123456789~',
  segmentText: 'DMG*D8*19610417*F~',
  address: { line1: '12 ELM STREET', city: 'SPRINGFIELD', postalCode: '627010000' },
  line1: '12 ELM STREET',
  city: 'SPRINGFIELD',
  zip: '627010000',
  dob: '19610417',
  ssn: '123456789',
  phone: '2175550100',
  subscriberId: 'SUB998877',
  payerClaimNumber: 'PAYERCLM5566',
};
const SECRET_VALUES = ['JANE', 'DOE', '1961', '19610417', 'XYZ123456789', 'PCN-7781-A', 'ELM STREET', 'SPRINGFIELD', '627010000', '123456789', '2175550100', 'SUB998877', 'PAYERCLM5566'];

describe('PHI-safe logger', () => {
  it('logs none of the values of patient fields, at any depth', () => {
    const { logger, lines, parsed } = collect();
    logger.info(PHI, 'claim routed');
    logger.warn({ file: { id: 7, claims: [{ ...PHI }] }, nested: { deeper: { evenDeeper: { patient: PHI } } } }, 'nested');
    logger.error({ BIRTH_DATE: '1961-04-17', Member_Id: 'XYZ123456789', 'patient-control-number': 'PCN-7781-A' }, 'other spellings');
    const text = lines.join('');
    for (const v of SECRET_VALUES) expect(text, v).not.toContain(v);
    const [first] = parsed();
    expect(first.msg).toBe('claim routed');
    expect(first.name).toBe(REDACTED);
    expect(first.memberId).toBe(REDACTED);
    expect(first.record).toBe(REDACTED);
  });

  it('keeps positions, counts and codes', () => {
    const { logger, parsed } = collect();
    logger.info({ segment: 14, offset: 2301, code: 'SE_COUNT_MISMATCH', findingCount: 2, interchange: '000000042' }, 'finding');
    const [line] = parsed();
    expect(line).toMatchObject({ segment: 14, offset: 2301, code: 'SE_COUNT_MISMATCH', findingCount: 2, interchange: '000000042' });
  });

  it('replaces bytes with their length', () => {
    const { logger, lines } = collect();
    logger.info({ chunk: Buffer.from('NM1*IL*1*DOE*JANE~') }, 'chunk');
    expect(lines[0]).toContain('[18 bytes]');
    expect(lines[0]).not.toContain('DOE');
  });

  it('logs errors with code and message but drops the values of details', () => {
    const { logger, lines, parsed } = collect();
    const e = new X12dError('X12D_ERR_DELIMITER_IN_DATA', 'NM103 contains "*", which is a delimiter in this file.', { segment: 'NM1', badValue: 'DOE*JANE', memberId: 'XYZ123456789' });
    logger.error({ err: e }, 'write failed');
    logger.error(e);
    logger.warn({ result: { cause: e } }, 'nested error');
    for (const v of SECRET_VALUES) expect(lines.join(''), v).not.toContain(v);
    const [a, b, c] = parsed();
    expect(a.err).toMatchObject({ type: 'X12dError', code: 'X12D_ERR_DELIMITER_IN_DATA', detailKeys: ['segment', 'badValue', 'memberId'] });
    expect((a.err as { message: string }).message).toContain('NM103');
    expect(b.err).toMatchObject({ code: 'X12D_ERR_DELIMITER_IN_DATA' });
    expect((c.result as { cause: unknown }).cause).toMatchObject({ type: 'X12dError', detailKeys: ['segment', 'badValue', 'memberId'] });
  });

  it('does not repeat a database error message, which quotes the SQL, its parameters and the failing row', () => {
    const dbError = Object.assign(
      new Error(`insert into "claim" ("patient_control_number") values ('PCN-7781-A') - duplicate key value violates unique constraint "x"\n - detail: Key (patient_control_number)=(PCN-7781-A) already exists.`),
      { name: 'UniqueConstraintViolationException', code: '23505', sqlState: '23505', constraint: 'claim_pcn_unique', table: 'claim', detail: 'Key (patient_control_number)=(PCN-7781-A) already exists.' },
    );
    const s = serializeError(dbError);
    expect(s).toMatchObject({ type: 'UniqueConstraintViolationException', code: '23505', message: 'database error 23505', constraint: 'claim_pcn_unique', table: 'claim' });
    expect(JSON.stringify(s)).not.toContain('PCN-7781-A');
    const { logger, lines } = collect();
    logger.error({ err: dbError }, 'insert failed');
    expect(lines[0]).not.toContain('PCN-7781-A');
  });

  it('gives child loggers the file id and control numbers', () => {
    const { logger, parsed } = collect();
    const child = fileLogger(logger, { fileId: 42n, partner: 'acme', interchange: '000000042', group: '7', transaction: '0001' });
    child.info({ memberId: 'XYZ123456789' }, 'set read');
    const [line] = parsed();
    expect(line).toMatchObject({ fileId: '42', partner: 'acme', interchange: '000000042', group: '7', transaction: '0001', memberId: REDACTED, msg: 'set read' });
  });

  it('costs nothing below its level', () => {
    const { logger, lines } = collect('warn');
    logger.info(PHI, 'quiet');
    logger.debug(PHI, 'quiet');
    expect(lines).toHaveLength(0);
  });
});
