/** The real entry point, as `npx x12d` runs it: node bin/x12d.js, in a child process. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, samplePath, validSamples } from '../x12/fixtures.js';

function bin(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'x12d.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bin/x12d.js', () => {
  it('package.json points the x12d command at bin/x12d.js', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin.x12d).toBe('bin/x12d.js');
    expect(readFileSync(join(ROOT, 'bin', 'x12d.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('inspect on a valid sample exits 0 and prints its interchanges', () => {
    const rel = validSamples()[0];
    const r = bin('inspect', samplePath(rel), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.files[0].file).toBe(samplePath(rel));
    expect(doc.files[0].interchanges.length).toBeGreaterThan(0);
    expect(doc.files[0].findings).toEqual([]);
  });

  it('inspect on a missing file exits 2', () => {
    const r = bin('inspect', join(ROOT, 'samples', 'no-such-file.x12'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('no such file');
  });
});
