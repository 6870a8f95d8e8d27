/**
 * Code lists as data (config/codes/*.json) and X12D_CODE_LISTS_DIR pointing at an installation's own copies.
 * In a file of its own: the lists are loaded once per process, so the directory must be set before any
 * check reads a list.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeListsDir, loadCodeList } from '../../src/edits/code-lists.js';
import { externalCodeSets } from '../../src/edits/code-sets.js';
import { tempDir } from '../x12/fixtures.js';
import { edit, rules, segments } from './helpers.js';

const R835 = segments('835/remittance.x12');
const previous = process.env.X12D_CODE_LISTS_DIR;

const own = tempDir();
const other = tempDir();
const broken = tempDir();
afterAll(() => {
  own.cleanup();
  other.cleanup();
  broken.cleanup();
  if (previous === undefined) delete process.env.X12D_CODE_LISTS_DIR;
  else process.env.X12D_CODE_LISTS_DIR = previous;
});

function list(codes: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'Test CARC', source: 'test', effective: '2024-01-01', codes, ...extra });
}

// Only CO-45, PR-1/2/3 and the reversal's codes are known here: CO-197 (the denied claim's) is not.
writeFileSync(join(own.dir, 'carc.json'), list({ '1': 'deductible', '2': 'coinsurance', '3': 'copay', '45': 'fee schedule' }, { deactivated: { '3': '2024-04-01' } }));
// A partial list: it can say a code is known, never that one is wrong; deactivated codes still count.
writeFileSync(join(other.dir, 'carc.json'), list({ '45': 'fee schedule' }, { partial: true, deactivated: { '2': '2020-01-01' } }));
writeFileSync(join(broken.dir, 'carc.json'), JSON.stringify({ name: 'no source', effective: 'yesterday', codes: {} }));
writeFileSync(join(broken.dir, 'rarc.json'), '{ not json');

process.env.X12D_CODE_LISTS_DIR = own.dir;

describe('X12D_CODE_LISTS_DIR', () => {
  it('points the checks at an installation\'s own lists', async () => {
    expect(codeListsDir()).toBe(own.dir);
    const carc = loadCodeList('carc');
    expect(carc).toMatchObject({ name: 'Test CARC', source: 'test', effective: '2024-01-01', partial: false });
    expect(carc?.has('45')).toBe(true);
    expect(carc?.has('197')).toBe(false);
    expect(carc?.describe('45')).toBe('fee schedule');
    expect(carc?.deactivatedOn('3')).toBe('2024-04-01');
    // CO-197 (twice, on the denied claim's lines) is unknown here; PR-3 was deactivated before the 835's date (GS04 2024-04-12).
    expect(await rules(R835, [externalCodeSets])).toEqual(['CARC_UNKNOWN CAS@25 8', 'CARC_UNKNOWN CAS@41 2', 'CARC_UNKNOWN CAS@46 2']);
  });

  it('skips the checks whose list is absent from the directory (no RARC, POS or claim status lists here)', async () => {
    expect(loadCodeList('rarc')).toBeNull();
    expect(await rules(edit(R835, { replace: 'LQ*HE*M62', with: 'LQ*HE*N9999', nth: 1 }), [externalCodeSets])).toEqual(['CARC_UNKNOWN CAS@25 8', 'CARC_UNKNOWN CAS@41 2', 'CARC_UNKNOWN CAS@46 2']);
  });

  it('caches each list per directory', () => {
    expect(loadCodeList('carc')).toBe(loadCodeList('carc'));
    process.env.X12D_CODE_LISTS_DIR = other.dir;
    try {
      const partial = loadCodeList('carc');
      expect(partial?.partial).toBe(true);
    } finally {
      process.env.X12D_CODE_LISTS_DIR = own.dir;
    }
    expect(loadCodeList('carc')?.partial).toBe(false);
  });

  it('rejects a list file that does not follow the schema, naming the file', () => {
    process.env.X12D_CODE_LISTS_DIR = broken.dir;
    try {
      expect(() => loadCodeList('carc')).toThrow(`code list ${join(broken.dir, 'carc.json')} is not valid`);
      expect(() => loadCodeList('rarc')).toThrow();
    } finally {
      process.env.X12D_CODE_LISTS_DIR = own.dir;
    }
  });

  it('a directory changed after the first check is used by the checks too (src bug: code-sets.ts keeps the first list it loaded)', async () => {
    process.env.X12D_CODE_LISTS_DIR = other.dir;
    try {
      // The partial list knows only 45, so unknown codes pass; CAS*PR*2 is deactivated there (2020).
      expect(await rules(R835, [externalCodeSets])).toEqual(['CARC_UNKNOWN CAS@25 5', 'CARC_UNKNOWN CAS@31 2', 'CARC_UNKNOWN CAS@55 2', 'CARC_UNKNOWN CAS@61 2', 'CARC_UNKNOWN CAS@72 2', 'CARC_UNKNOWN CAS@78 2']);
    } finally {
      process.env.X12D_CODE_LISTS_DIR = own.dir;
    }
  });
});

describe('the shipped lists (config/codes)', () => {
  it('load with their source and effective date when the variable is unset', () => {
    delete process.env.X12D_CODE_LISTS_DIR;
    try {
      expect(codeListsDir()).toMatch(/config[\\/]codes$/);
      for (const name of ['carc', 'rarc', 'place-of-service', 'claim-status', 'claim-status-category']) {
        const l = loadCodeList(name);
        expect(l, name).not.toBeNull();
        expect(l!.source.length, name).toBeGreaterThan(10);
        expect(l!.effective, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const carc = loadCodeList('carc')!;
      expect(carc.partial).toBe(false);
      expect(carc.has('45')).toBe(true);
      expect(carc.has('25')).toBe(false);
      expect(carc.deactivatedOn('25')).toBe('2008-04-01');
      expect(loadCodeList('place-of-service')!.has('11')).toBe(true);
      expect(loadCodeList('place-of-service')!.has('00')).toBe(false);
      expect(loadCodeList('no-such-list')).toBeNull();
    } finally {
      process.env.X12D_CODE_LISTS_DIR = own.dir;
    }
  });
});
