import type { GuideDef } from './types.js';

/**
 * Guides by transaction set and version. A set is matched on ST01 and ST03 (GS08 when ST03 is absent);
 * several guides may share both (278 request and response) and are told apart by their discriminator.
 */
export class GuideRegistry {
  private readonly byKey = new Map<string, GuideDef[]>();

  constructor(guides: readonly GuideDef[]) {
    for (const g of guides) {
      const key = `${g.set}\u0000${g.id}`;
      const list = this.byKey.get(key) ?? [];
      list.push(g);
      this.byKey.set(key, list);
    }
  }

  /** Guides that could read a set with this ST01, ST03 and GS08. */
  candidates(set: string, st03: string, gs08: string): readonly GuideDef[] {
    return this.byKey.get(`${set}\u0000${st03}`) ?? this.byKey.get(`${set}\u0000${gs08}`) ?? [];
  }

  get guides(): readonly GuideDef[] {
    return [...this.byKey.values()].flat();
  }

  /** "837 005010X222A1, 835 005010X221A1, ..." for messages. */
  describe(): string {
    return this.guides.map((g) => `${g.set} ${g.id}`).join(', ');
  }
}
