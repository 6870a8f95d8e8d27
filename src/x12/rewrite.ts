import { readX12Sync } from './reader.js';
import { X12Writer } from './writer.js';

/** What follows a segment terminator in this file: CRLF, LF or nothing. */
export function detectLineEnding(buf: Buffer, terminator: number): '' | '\n' | '\r\n' {
  const i = buf.indexOf(terminator);
  if (i < 0 || terminator === 0x0a) return '';
  if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return '\r\n';
  if (buf[i + 1] === 0x0a) return '\n';
  return '';
}

/**
 * Reads a file and writes it back through the writer with the file's own delimiters and layout. For a
 * valid file the output is byte-identical; trailer counts are recomputed, so a wrong SE01 comes out right.
 */
export function rewriteX12(input: Buffer): Buffer {
  const parts: string[] = [];
  let writer: X12Writer | null = null;
  let lead = -1;
  readX12Sync(
    input,
    {
      segment(seg) {
        if (seg.tag === 'ISA') {
          if (lead < 0) lead = seg.offset;
          const d = seg.delimiters;
          if (writer === null) writer = new X12Writer((s) => parts.push(s), { delimiters: d, lineEnding: detectLineEnding(input, d.segment) });
          else writer.setDelimiters(d);
        }
        writer?.writeSegment(seg.detach());
      },
    },
    { summary: false },
  );
  const body = Buffer.from(parts.join(''), 'latin1');
  // Whatever came before the first ISA (a byte order mark, blank lines) is kept as it was.
  return lead > 0 ? Buffer.concat([input.subarray(0, lead), body]) : body;
}
