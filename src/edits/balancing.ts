import { type Amount, type Cents, addAmounts, amountAt, formatAmount, sameAmount, subAmounts } from '../money.js';
import type { SegmentView } from '../x12/segment.js';
import type { EditSink, TransactionEdit } from './types.js';

function amount(seg: SegmentView, n: number): Amount {
  return amountAt(seg.buf, seg.elementStart(n), seg.elementEnd(n));
}

function casAmount(seg: SegmentView): Amount {
  let t: Amount = 0;
  const last = Math.min(18, seg.elementCount);
  for (let n = 3; n <= last; n += 3) t = addAmounts(t, amount(seg, n));
  return t;
}

/** Sum of a CAS segment's adjustment amounts (CAS03, 06, 09, 12, 15, 18). */
export function casTotal(seg: SegmentView): Cents {
  const t = casAmount(seg);
  return typeof t === 'number' ? BigInt(t) : t;
}

interface Place {
  position: number;
  offset: number;
}
const at = (seg: SegmentView): Place => ({ position: seg.setPosition, offset: seg.offset });

/** 837P: the claim total (CLM02) equals the sum of its service line charges (SV102). */
export const claimChargeBalance: TransactionEdit = {
  name: 'CLAIM_CHARGE_BALANCE',
  level: 3,
  guides: ['005010X222A1'],
  start(sink: EditSink) {
    let claim: { total: Amount; lines: Amount; place: Place; count: number } | null = null;
    const close = () => {
      if (claim !== null && claim.count > 0 && !sameAmount(claim.total, claim.lines)) {
        sink.report({
          level: 3,
          rule: 'CLAIM_CHARGE_BALANCE',
          segmentId: 'CLM',
          position: claim.place.position,
          offset: claim.place.offset,
          loop: '2300',
          element: 2,
          message: `The claim's total charge (CLM02) is ${formatAmount(claim.total)} but its service lines (SV102) add up to ${formatAmount(claim.lines)}.`,
        });
      }
      claim = null;
    };
    return {
      segment(use, seg) {
        if (use.def.id === 'CLM') {
          close();
          claim = { total: amount(seg, 2), lines: 0, place: at(seg), count: 0 };
        } else if (use.def.id === 'SV1' && claim !== null) {
          claim.lines = addAmounts(claim.lines, amount(seg, 2));
          claim.count++;
        }
      },
      exitLoop(loop) {
        if (loop.def.id === '2300') close();
      },
      end: close,
    };
  },
};

/**
 * 835 balancing, as the TR3 requires: per service line SVC02 - sum(line CAS) = SVC03; per claim
 * CLP03 - sum(claim and line CAS) = CLP04; per payment BPR02 = sum(CLP04) - sum(PLB amounts).
 */
export const remittanceBalance: TransactionEdit = {
  name: 'REMITTANCE_BALANCE',
  level: 3,
  guides: ['005010X221A1'],
  start(sink: EditSink) {
    let bpr: { amount: Amount; place: Place } | null = null;
    let paidTotal: Amount = 0;
    let plbTotal: Amount = 0;
    let claim: { charge: Amount; paid: Amount; adjustments: Amount; place: Place } | null = null;
    let line: { charge: Amount; paid: Amount; adjustments: Amount; place: Place } | null = null;
    const closeLine = () => {
      if (line !== null && !sameAmount(subAmounts(line.charge, line.adjustments), line.paid)) {
        sink.report({
          level: 3,
          rule: 'SERVICE_LINE_OUT_OF_BALANCE',
          segmentId: 'SVC',
          position: line.place.position,
          offset: line.place.offset,
          loop: '2110',
          element: 3,
          message: `Service line does not balance: charge ${formatAmount(line.charge)} (SVC02) minus adjustments ${formatAmount(line.adjustments)} (CAS) is ${formatAmount(subAmounts(line.charge, line.adjustments))}, but the paid amount (SVC03) is ${formatAmount(line.paid)}.`,
        });
      }
      line = null;
    };
    const closeClaim = () => {
      closeLine();
      if (claim !== null && !sameAmount(subAmounts(claim.charge, claim.adjustments), claim.paid)) {
        sink.report({
          level: 3,
          rule: 'CLAIM_PAYMENT_OUT_OF_BALANCE',
          segmentId: 'CLP',
          position: claim.place.position,
          offset: claim.place.offset,
          loop: '2100',
          element: 4,
          message: `Claim payment does not balance: charge ${formatAmount(claim.charge)} (CLP03) minus claim and line adjustments ${formatAmount(claim.adjustments)} is ${formatAmount(subAmounts(claim.charge, claim.adjustments))}, but the paid amount (CLP04) is ${formatAmount(claim.paid)}.`,
        });
      }
      claim = null;
    };
    return {
      segment(use, seg, loop) {
        switch (use.def.id) {
          case 'BPR':
            bpr = { amount: amount(seg, 2), place: at(seg) };
            break;
          case 'CLP':
            closeClaim();
            claim = { charge: amount(seg, 3), paid: amount(seg, 4), adjustments: 0, place: at(seg) };
            paidTotal = addAmounts(paidTotal, claim.paid);
            break;
          case 'SVC':
            closeLine();
            line = { charge: amount(seg, 2), paid: amount(seg, 3), adjustments: 0, place: at(seg) };
            break;
          case 'CAS': {
            const t = casAmount(seg);
            if (loop.def.id === '2110' && line !== null) line.adjustments = addAmounts(line.adjustments, t);
            if (claim !== null) claim.adjustments = addAmounts(claim.adjustments, t);
            break;
          }
          case 'PLB':
            closeClaim();
            for (let n = 4; n <= 14; n += 2) plbTotal = addAmounts(plbTotal, amount(seg, n));
            break;
        }
      },
      exitLoop(loop) {
        if (loop.def.id === '2110') closeLine();
        else if (loop.def.id === '2100') closeClaim();
      },
      end() {
        closeClaim();
        if (bpr !== null && !sameAmount(bpr.amount, subAmounts(paidTotal, plbTotal))) {
          sink.report({
            level: 3,
            rule: 'PAYMENT_OUT_OF_BALANCE',
            segmentId: 'BPR',
            position: bpr.place.position,
            offset: bpr.place.offset,
            loop: 'ST',
            element: 2,
            message: `The payment amount (BPR02) is ${formatAmount(bpr.amount)}, but the claims paid (CLP04) total ${formatAmount(paidTotal)} less provider adjustments (PLB) of ${formatAmount(plbTotal)} is ${formatAmount(subAmounts(paidTotal, plbTotal))}.`,
          });
        }
      },
    };
  },
};
