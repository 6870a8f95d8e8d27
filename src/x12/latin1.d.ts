// Node's Buffer has latin1Slice (used by toString('latin1') after argument checks); @types/node leaves it
// out. The reader calls it directly: one string per element asked for, with no argument re-validation.
declare global {
  interface Buffer {
    latin1Slice(start?: number, end?: number): string;
  }
}
export {};
