import { GuideRegistry } from '../registry.js';
import type { GuideDef } from '../types.js';
import { X214_277CA } from './x214-277ca.js';
import { X217_278_REQUEST } from './x217-278req.js';
import { X217_278_RESPONSE } from './x217-278resp.js';
import { X221A1_835 } from './x221a1-835.js';
import { X222A1_837P } from './x222a1-837p.js';
import { X231A1_999 } from './x231a1-999.js';
import { X279A1_270 } from './x279a1-270.js';
import { X279A1_271 } from './x279a1-271.js';

/** Every implementation guide x12d reads and writes. */
export const GUIDES: readonly GuideDef[] = Object.freeze([X279A1_270, X279A1_271, X222A1_837P, X221A1_835, X214_277CA, X231A1_999, X217_278_REQUEST, X217_278_RESPONSE]);

let registry: GuideRegistry | null = null;
export function defaultRegistry(): GuideRegistry {
  registry ??= new GuideRegistry(GUIDES);
  return registry;
}
