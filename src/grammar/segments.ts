import { el, nu, seg } from './dsl.js';
import type { SegmentDef, Usage } from './types.js';

/**
 * Segment uses that every guide repeats with only the names changed: the address pair N3/N4. Guides call
 * these with their own TR3 names, so one definition of the elements, lengths and syntax notes serves all.
 */

/** N3: two address lines (N302 when the address needs a second line). */
export function n3(name: string, usage: Usage, lineName: string, max = 1): SegmentDef {
  return seg('N3', name, usage, max, [el('166', lineName, R_, 'AN', 1, 55), el('166', lineName, S_, 'AN', 1, 55)]);
}

export interface N4Names {
  readonly city: string;
  readonly state: string;
  readonly postal: string;
  readonly country?: string;
  readonly subdivision?: string;
}

/** N4: city, state, ZIP, and country with its subdivision for addresses outside the US. */
export function n4(name: string, usage: Usage, names: N4Names, max = 1): SegmentDef {
  return seg(
    'N4',
    name,
    usage,
    max,
    [
      el('19', names.city, R_, 'AN', 2, 30),
      el('156', names.state, S_, 'ID', 2, 2),
      el('116', names.postal, S_, 'ID', 3, 15),
      el('26', names.country ?? 'Country Code', S_, 'ID', 2, 3),
      nu('309', 'Location Qualifier', 'ID', 1, 2),
      nu('310', 'Location Identifier', 'AN', 1, 30),
      el('1715', names.subdivision ?? 'Country Subdivision Code', S_, 'ID', 1, 3),
    ],
    { rules: ['E0207', 'C0605', 'C0704'] },
  );
}

const R_: Usage = 'R';
const S_: Usage = 'S';

/** REF with its qualifier codes and the identifier it carries (REF03 and REF04 not used). */
export function ref(name: string, usage: Usage, max: number, codes: readonly string[], valueName: string): SegmentDef {
  return seg('REF', name, usage, max, [el('128', 'Reference Identification Qualifier', R_, 'ID', 2, 3, codes), el('127', valueName, R_, 'AN', 1, 50)], { rules: ['R0203'] });
}
