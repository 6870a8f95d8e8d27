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

  /**
   * Guides for an earlier release of the same guide (005010X279 for 005010X279A1, 005010X222 for
   * 005010X222A1): read with the adopted errata version, so the file gets findings instead of nothing.
   */
  nearest(set: string, st03: string, gs08: string): readonly GuideDef[] {
    for (const v of [st03, gs08]) {
      if (v.length < 10) continue;
      const list = this.guides.filter((g) => g.set === set && g.id.startsWith(v));
      if (list.length > 0) return list;
    }
    return [];
  }

  get guides(): readonly GuideDef[] {
    return [...this.byKey.values()].flat();
  }

  /** "837 005010X222A1, 835 005010X221A1, ..." for messages. */
  describe(): string {
    return [...new Set(this.guides.map((g) => `${g.set} ${g.id}`))].join(', ');
  }
}
