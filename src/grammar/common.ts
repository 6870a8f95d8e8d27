import { R, el, seg } from './dsl.js';
import type { SegmentDef } from './types.js';

/** ST for a guide: ST01 fixed to the set, ST03 to the guide id. */
export function st(set: string, guideId: string): SegmentDef {
  return seg('ST', 'Transaction Set Header', R, 1, [
    el('143', 'Transaction Set Identifier Code', R, 'ID', 3, 3, [set]),
    el('329', 'Transaction Set Control Number', R, 'AN', 4, 9),
    el('1705', 'Implementation Convention Reference', R, 'AN', 1, 35, [guideId]),
  ]);
}

export function se(): SegmentDef {
  return seg('SE', 'Transaction Set Trailer', R, 1, [
    el('96', 'Number of Included Segments', R, 'N0', 1, 10),
    el('329', 'Transaction Set Control Number', R, 'AN', 4, 9),
  ]);
}
