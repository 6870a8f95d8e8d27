import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isX12dError } from '../../src/errors.js';
import { parseArgs } from '../../src/cli/args.js';
import { listFiles } from '../../src/cli/files.js';
import { tempDir } from '../x12/fixtures.js';

describe('parseArgs', () => {
  it('separates positionals and flags', () => {
    const a = parseArgs(['a.x12', '--json', 'b.x12', '--level=3']);
    expect(a.positional).toEqual(['a.x12', 'b.x12']);
    expect([...a.flags]).toEqual([
      ['json', true],
      ['level', '3'],
    ]);
  });

  it('takes the next argument as the value of a valued flag', () => {
    const a = parseArgs(['--out', 'x.txt', 'f.x12'], ['out']);
    expect(a.flags.get('out')).toBe('x.txt');
    expect(a.positional).toEqual(['f.x12']);
  });

  it('a valued flag without a value is a usage error', () => {
    try {
      parseArgs(['f.x12', '--out'], ['out']);
      expect.unreachable();
    } catch (e) {
      expect(isX12dError(e, 'X12D_ERR_USAGE')).toBe(true);
      expect((e as Error).message).toBe('--out needs a value.');
    }
  });

  it('everything after -- is positional', () => {
    expect(parseArgs(['--json', '--', '--not-a-flag.x12']).positional).toEqual(['--not-a-flag.x12']);
  });
});

describe('listFiles', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('lists files under a folder recursively, sorted, skipping hidden entries', async () => {
    mkdirSync(join(tmp.dir, 'b'));
    mkdirSync(join(tmp.dir, '.hidden'));
    writeFileSync(join(tmp.dir, 'b', 'z.x12'), '');
    writeFileSync(join(tmp.dir, 'a.x12'), '');
    writeFileSync(join(tmp.dir, '.dot.x12'), '');
    writeFileSync(join(tmp.dir, '.hidden', 'c.x12'), '');
    expect(await listFiles(tmp.dir)).toEqual([join(tmp.dir, 'a.x12'), join(tmp.dir, 'b', 'z.x12')]);
  });

  it('a file path lists itself', async () => {
    const p = tmp.write('one.x12', 'x');
    expect(await listFiles(p)).toEqual([p]);
  });
});
