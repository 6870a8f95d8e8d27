/**
 * Money as integer cents (bigint): parsing X12 decimal amounts exactly, and formatting them back.
 */
import { describe, expect, it } from 'vitest';
import { formatCents, formatX12Amount, parseCents } from '../src/money.js';
import { prng } from './x12/fixtures.js';

describe('parseCents', () => {
  it('parses X12 decimal amounts to exact cents, as bigint', () => {
    const cases: [string, bigint][] = [
      ['0', 0n],
      ['1', 100n],
      ['1234.5', 123450n],
      ['1234.56', 123456n],
      ['-20', -2000n],
      ['.75', 75n],
      ['0.05', 5n],
      ['-.05', -5n],
      ['-0.5', -50n],
      ['5.', 500n],
      ['007.10', 710n],
      ['1.230', 123n],
      ['1.2300000', 123n],
      ['-0', 0n],
      ['-0.00', 0n],
    ];
    for (const [text, cents] of cases) {
      const got = parseCents(text);
      expect(typeof got, text).toBe('bigint');
      expect(got, text).toBe(cents);
    }
  });

  it('is exact where binary floats are not', () => {
    const sum = parseCents('0.1')! + parseCents('0.2')!;
    expect(sum).toBe(parseCents('0.3'));
    expect(0.1 + 0.2).not.toBe(0.3); // what a float would have done
    // Beyond 2^53: every cent counts.
    expect(parseCents('90071992547409.93')).toBe(9007199254740993n);
    expect(parseCents('999999999999999999.99')).toBe(99999999999999999999n);
    expect(parseCents('999999999999999999.99')! - parseCents('999999999999999999.98')!).toBe(1n);
  });

  it('rejects what is not an amount: null, never NaN or a guess', () => {
    for (const text of ['', '.', '-', '-.', '+5', ' 5', '5 ', '1,000', '1e3', '0x10', 'abc', '12a', '1.2.3', '--1', '1-', '$5', '１']) expect(parseCents(text), JSON.stringify(text)).toBeNull();
  });

  it('rejects fractions of a cent, but not trailing zeros', () => {
    expect(parseCents('1.234')).toBeNull();
    expect(parseCents('1.005')).toBeNull();
    expect(parseCents('-0.001')).toBeNull();
    expect(parseCents('1.2300001')).toBeNull();
    expect(parseCents('1.000')).toBe(100n);
  });
});

describe('formatCents', () => {
  it('writes two decimal places', () => {
    const cases: [bigint, string][] = [
      [0n, '0.00'],
      [1n, '0.01'],
      [7n, '0.07'],
      [10n, '0.10'],
      [99n, '0.99'],
      [100n, '1.00'],
      [123450n, '1234.50'],
      [123456n, '1234.56'],
      [-5n, '-0.05'],
      [-50n, '-0.50'],
      [-123456n, '-1234.56'],
      [99999999999999999999n, '999999999999999999.99'],
    ];
    for (const [cents, text] of cases) expect(formatCents(cents), String(cents)).toBe(text);
  });
});

describe('formatX12Amount', () => {
  it('writes amounts as X12 does, without trailing zero decimals', () => {
    const cases: [bigint, string][] = [
      [0n, '0'],
      [1n, '0.01'],
      [10n, '0.1'],
      [100n, '1'],
      [2000n, '20'],
      [123450n, '1234.5'],
      [123456n, '1234.56'],
      [-5n, '-0.05'],
      [-50n, '-0.5'],
      [-2000n, '-20'],
      [-125000n, '-1250'],
      [1n + 10n ** 20n, '1000000000000000000.01'],
    ];
    for (const [cents, text] of cases) expect(formatX12Amount(cents), String(cents)).toBe(text);
  });

  it('round-trips through parseCents for any amount', () => {
    const rand = prng(42);
    for (let i = 0; i < 2000; i++) {
      const magnitude = BigInt(Math.floor(rand() * 1e9)) * BigInt(Math.floor(rand() * 1e6)) + BigInt(Math.floor(rand() * 100));
      const cents = rand() < 0.3 ? -magnitude : magnitude;
      expect(parseCents(formatX12Amount(cents)), String(cents)).toBe(cents);
      expect(parseCents(formatCents(cents)), String(cents)).toBe(cents);
    }
  });

  it('never writes a negative zero or an exponent', () => {
    expect(formatX12Amount(-0n)).toBe('0');
    expect(formatCents(-0n)).toBe('0.00');
    expect(formatX12Amount(10n ** 25n)).toBe('100000000000000000000000');
  });
});

describe('parseCents on seeded random text', () => {
  // The definition, written the slow and obvious way: an optional minus, digits, an optional point and
  // digits, at least one digit, nothing but zeros after the second decimal.
  function byDefinition(text: string): bigint | null {
    const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
    if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return null;
    const frac = m[3] ?? '';
    if (/[1-9]/.test(frac.slice(2))) return null;
    const cents = BigInt(m[2] || '0') * 100n + BigInt((frac + '00').slice(0, 2));
    return m[1] === '-' ? -cents : cents;
  }

  it('agrees with the definition on 200,000 strings of digits, points, minus signs and junk, long ones included', () => {
    const alphabet = ['0', '1', '5', '9', '.', '-', 'a', ' ', '00', '12345678'];
    let seed = 20261127;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const differ: string[] = [];
    for (let t = 0; t < 200_000; t++) {
      let s = '';
      for (let k = Math.floor(next() * 9); k > 0; k--) s += alphabet[Math.floor(next() * alphabet.length)];
      if (parseCents(s) !== byDefinition(s)) differ.push(s);
    }
    expect(differ).toEqual([]);
  });
});
