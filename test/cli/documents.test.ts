import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';

const SAMPLES = 'samples';
const validSamples = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'broken' && d.name !== 'invalid')
  .flatMap((d) => readdirSync(join(SAMPLES, d.name)).filter((f) => f.endsWith('.x12')).map((f) => join(SAMPLES, d.name, f)));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('to-json and from-json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'x12d-docs-'));

  it.each(validSamples)('%s: to-json, from-json, to-json again gives the same records, and the X12 written is valid', async (file) => {
    const first = await run(['to-json', file]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const a = JSON.parse(first.out);
    expect(a.file).toBe(file);
    expect(a.documents.length).toBeGreaterThan(0);
    for (const d of a.documents) expect(Object.keys(d)).toEqual(expect.arrayContaining(['set', 'guide', 'control', 'record']));
    const json = join(dir, `${file.replaceAll('/', '_')}.json`);
    writeFileSync(json, first.out);
    const x12 = join(dir, `${file.replaceAll('/', '_')}.x12`);
    const written = await run(['from-json', json, '--out', x12]);
    expect(written.code).toBe(0);
    const again = await run(['to-json', x12]);
    expect(again.code).toBe(0);
    const b = JSON.parse(again.out);
    expect(b.documents.map((d: { record: unknown }) => d.record)).toEqual(a.documents.map((d: { record: unknown }) => d.record));
    const v = await validateX12(x12, { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
    expect(v.transactions.flatMap((t) => t.findings)).toEqual([]);
    expect(v.valid).toBe(true);
    expect(() => new X12Parser(true).parse(readFileSync(x12, 'latin1'))).not.toThrow();
  });

  it('keeps amounts as exact decimal strings under the fixed keys', async () => {
    const r = JSON.parse((await run(['to-json', 'samples/835/remittance.x12'])).out);
    const rec = r.documents[0].record;
    expect(rec.payment.amount).toMatch(/^-?\d+\.\d{2}$/);
    for (const c of rec.claims) {
      for (const k of ['patientControlNumber', 'status', 'charge', 'paid', 'serviceLines']) expect(c).toHaveProperty(k);
      expect(c.charge).toMatch(/^-?\d+\.\d{2}$/);
    }
    for (const p of rec.providerAdjustments) expect(Object.keys(p)).toEqual(expect.arrayContaining(['reason', 'amount']));
    const claims = JSON.parse((await run(['to-json', 'samples/837p/professional-claims.x12'])).out).documents[0].record.claims;
    for (const c of claims) {
      expect(c.totalCharge).toMatch(/^\d+\.\d{2}$/);
      for (const l of c.serviceLines) expect(Object.keys(l)).toEqual(expect.arrayContaining(['procedureCode', 'charge']));
    }
  });

  it('refuses a record that does not fit its schema, naming the field', async () => {
    const r = JSON.parse((await run(['to-json', 'samples/837p/professional-claims.x12'])).out);
    r.documents[0].record.claims[0].totalCharge = '12.345';
    const json = join(dir, 'bad.json');
    writeFileSync(json, JSON.stringify(r));
    const res = await run(['from-json', json]);
    expect(res.code).toBe(2);
    expect(res.err).toContain('claims.0.totalCharge');
  });

  it('says which file cannot be read, and exits 2', async () => {
    const res = await run(['to-json', 'samples/broken/not-x12.x12']);
    expect(res.code).toBe(2);
    expect(res.err).toContain('not-x12.x12');
    expect(JSON.parse(res.out)).toEqual({ file: 'samples/broken/not-x12.x12', documents: [] });
  });
});
