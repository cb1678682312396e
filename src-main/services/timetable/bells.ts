// The bell rule, pure: every slot once, each lesson ends after it starts, and no two overlap.
export interface Bell {
  slot: number;
  startsAt: string;
  endsAt: string;
}

/** null when the bells are consistent; else what is wrong, in Russian. */
export function checkBells(bells: readonly Bell[]): string | null {
  const seen = new Set<number>();
  for (const b of bells) {
    if (seen.has(b.slot)) return `Урок ${b.slot} указан дважды`;
    seen.add(b.slot);
    if (b.endsAt <= b.startsAt) return `Урок ${b.slot}: конец (${b.endsAt}) должен быть позже начала (${b.startsAt})`;
  }
  const sorted = [...bells].sort((a, b) => a.slot - b.slot);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.startsAt < prev.endsAt)
      return `Урок ${cur.slot} начинается (${cur.startsAt}) раньше, чем кончается урок ${prev.slot} (${prev.endsAt})`;
  }
  return null;
}
