// A weekly timetable, Mon–Fri, slots 1–7: pupils have no gaps (a class's lessons run from
// slot 1 without holes), no teacher is in two rooms at once, a subject appears at most once a
// day unless it has more hours than days. Greedy placement with one swap step and retries;
// the loads from staffing.ts leave enough slack that it always succeeds, and if it ever does
// not the generator stops loudly instead of writing a double-booked timetable.
import { shuffle, type Rng } from './random';
import type { ClassPlan, StaffPlan, UnitPlan } from './staffing';

export const DAYS = 5;
export const SLOTS = 7;
const P = DAYS * SLOTS;

export interface SlotEntry {
  classIdx: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  slot: number;
  subject: string;
  parts: { groupIdx: number; teacherIdx: number }[];
}

/** Subjects better not put first or last in the day. */
const HEAVY = new Set(['Русский язык', 'Математика', 'Алгебра', 'Геометрия', 'Физика', 'Химия', 'Английский язык']);

export function planTimetable(rng: Rng, plan: StaffPlan): SlotEntry[] {
  const unitsByClass = new Map<number, UnitPlan[]>();
  for (const u of plan.units) unitsByClass.set(u.classIdx, [...(unitsByClass.get(u.classIdx) ?? []), u]);
  // Greedy class by class cannot undo an earlier class, so on a dead end start over with
  // another class order: first the seniors (most specialists), then the primary classes
  // (fewest free slots), then random orders.
  for (let restart = 0; restart < 20; restart++) {
    const order = [...plan.classes].sort((a, b) => (restart === 1 ? a.grade - b.grade : b.grade - a.grade) || a.idx - b.idx);
    if (restart > 1) shuffle(rng, order);
    const out = tryOrder(rng, plan, order, unitsByClass);
    if (out) return out.sort((a, b) => a.classIdx - b.classIdx || a.weekday - b.weekday || a.slot - b.slot);
  }
  throw new Error('demo timetable: cannot place all lessons without double-booking a teacher');
}

function tryOrder(rng: Rng, plan: StaffPlan, order: ClassPlan[], unitsByClass: Map<number, UnitPlan[]>): SlotEntry[] | null {
  const busy = new Uint8Array(plan.teachers.length * P);
  const out: SlotEntry[] = [];
  for (const c of order) {
    let placed: (UnitPlan | null)[] | null = null;
    for (let attempt = 0; attempt < 10 && !placed; attempt++) placed = placeClass(rng, c, unitsByClass.get(c.idx) ?? [], busy, plan);
    if (!placed) return null;
    placed.forEach((u, p) => {
      if (!u) return;
      for (const x of u.parts) busy[x.teacherIdx * P + p] = 1;
      out.push({ classIdx: c.idx, weekday: Math.floor(p / SLOTS) + 1, slot: (p % SLOTS) + 1, subject: u.subject, parts: u.parts });
    });
  }
  return out;
}

/**
 * One class against the teachers' slots already taken by other classes (busy). Greedy by a
 * score (spread a subject over the week, heavy subjects not first or last); when a lesson
 * fits no empty slot, an augmenting path (Kuhn's matching) moves already placed lessons of
 * the class around to make room, so a class fails only if no placement exists at all.
 */
function placeClass(rng: Rng, c: ClassPlan, units: UnitPlan[], busy: Uint8Array, plan: StaffPlan): (UnitPlan | null)[] | null {
  // Day lengths: hours spread evenly, the longer days chosen at random; no gaps for pupils.
  const len = Array.from({ length: DAYS }, () => Math.floor(c.hours / DAYS));
  for (const d of shuffle(rng, [0, 1, 2, 3, 4]).slice(0, c.hours % DAYS)) len[d] = (len[d] as number) + 1;
  if (len.some((l) => l > SLOTS)) throw new Error(`${c.name}: ${c.hours} h do not fit a five-day week`);
  const open: number[] = [];
  for (let d = 0; d < DAYS; d++) for (let s = 0; s < (len[d] as number); s++) open.push(d * SLOTS + s);

  const occ: (UnitPlan | null)[] = new Array<UnitPlan | null>(P).fill(null);
  const canGo = (u: UnitPlan, p: number) => u.parts.every((x) => busy[x.teacherIdx * P + p] === 0);
  const sameDay = (u: UnitPlan, p: number) => {
    let n = 0;
    for (let q = p - (p % SLOTS), end = q + SLOTS; q < end; q++) if (occ[q]?.subject === u.subject) n++;
    return n;
  };
  const augment = (u: UnitPlan, seen: Uint8Array): boolean => {
    for (const p of open) {
      if (seen[p] || !canGo(u, p)) continue;
      seen[p] = 1;
      const x = occ[p];
      if (!x || augment(x, seen)) {
        occ[p] = u;
        return true;
      }
    }
    return false;
  };
  const load = (u: UnitPlan) => u.parts.reduce((a, x) => a + (plan.teachers[x.teacherIdx]?.hours ?? 0), 0);
  // Hardest first: split units need two free teachers, then the busiest teachers.
  const instances = shuffle(rng, units.flatMap((u) => Array<UnitPlan>(u.hours).fill(u))).sort(
    (a, b) => b.parts.length - a.parts.length || load(b) - load(a),
  );
  for (const u of instances) {
    let best = -1;
    let bestScore = Infinity;
    for (const p of open) {
      if (occ[p] || !canGo(u, p)) continue;
      const slot = p % SLOTS;
      const score = sameDay(u, p) * 10 + (HEAVY.has(u.subject) && (slot === 0 || slot >= 5) ? 1 : 0) + rng() * 0.5;
      if (score < bestScore) {
        bestScore = score;
        best = p;
      }
    }
    if (best >= 0) occ[best] = u;
    else if (!augment(u, new Uint8Array(P))) return null;
  }
  return occ;
}
