/**
 * The four X12 delimiters, as byte values. They come from each ISA: element separator at byte 4,
 * repetition separator in ISA11 (00501 and later), component separator in ISA16, and the segment
 * terminator right after ISA16.
 */
export interface Delimiters {
  readonly element: number;
  readonly component: number;
  /** -1 when the interchange has no repetition separator (before 00501, or ISA11 is a letter). */
  readonly repetition: number;
  readonly segment: number;
}

export const DEFAULT_DELIMITERS: Delimiters = Object.freeze({
  element: 0x2a, // *
  component: 0x3a, // :
  repetition: 0x5e, // ^
  segment: 0x7e, // ~
});

/** Fixed 0-based byte positions of the 16 element separators in a 106-byte ISA. */
export const ISA_SEPARATOR_POSITIONS: readonly number[] = Object.freeze([
  3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103,
]);
/** Widths of ISA01..ISA16 in the fixed-length ISA. */
export const ISA_FIELD_WIDTHS: readonly number[] = Object.freeze([2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]);
export const ISA_LENGTH = 106;

export function isAlphanumeric(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/** A printable name for a delimiter byte, for messages ("~", "newline", "0x1D"). */
export function describeByte(b: number): string {
  if (b === 0x0a) return 'newline';
  if (b === 0x0d) return 'carriage return';
  if (b === 0x20) return 'space';
  if (b < 0x20 || b > 0x7e) return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return `"${String.fromCharCode(b)}"`;
}

/** Reason a delimiter set cannot work, or null when it can. */
export function delimiterProblem(d: Delimiters): string | null {
  const named: [string, number][] = [
    ['element separator', d.element],
    ['component separator', d.component],
    ['segment terminator', d.segment],
  ];
  if (d.repetition >= 0) named.push(['repetition separator', d.repetition]);
  for (const [name, b] of named) {
    if (isAlphanumeric(b)) return `the ${name} ${describeByte(b)} is a letter or digit`;
  }
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      if (named[i][1] === named[j][1]) return `the ${named[i][0]} and the ${named[j][0]} are the same character ${describeByte(named[i][1])}`;
    }
  }
  return null;
}
