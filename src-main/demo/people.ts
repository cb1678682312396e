// Pupils, their families and their class history for the year. Some pupils are siblings
// (same surname, same parents); a few change class, leave or arrive mid-year, so journals
// and enrolments must be read by date.
import { addDays } from '../../src-shared/dates';
import { fatherName, motherName, personName, randomFamily, type Family, type GeneratedName, type Sex } from './names';
import { chance, int, pick, type Rng } from './random';
import type { ClassPlan } from './staffing';

export interface Stint {
  classIdx: number;
  from: string;
  /** Last day in the class, inclusive; null = still there. */
  to: string | null;
  /** Subgroup half (1 or 2) for split subjects in this class. */
  half: 1 | 2;
}

export interface PupilPlan {
  idx: number;
  name: GeneratedName;
  birthDate: string;
  uid: string | null;
  /** Typical mark, 3.1..4.9: marks scatter around it. */
  ability: number;
  stints: Stint[];
}

export interface GuardianPlan {
  idx: number;
  name: GeneratedName;
  birthDate: string;
  uid: string | null;
}

export interface PeoplePlan {
  pupils: PupilPlan[];
  guardians: GuardianPlan[];
  guardianships: { guardianIdx: number; pupilIdx: number; relation: string }[];
}

export interface Changes {
  moves: number;
  leavers: number;
  arrivals: number;
}

export class UidSource {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}
  /** A unique 8-digit portal UID, or null for people not registered on the portal yet. */
  maybe(p: number): string | null {
    if (!chance(this.rng, p)) return null;
    for (;;) {
      const uid = String(int(this.rng, 10_000_000, 99_999_999));
      if (!this.used.has(uid)) {
        this.used.add(uid);
        return uid;
      }
    }
  }
}

function dateInYear(rng: Rng, year: number): string {
  return addDays(`${year}-01-01`, int(rng, 0, 364));
}

export function planPeople(
  rng: Rng,
  classes: ClassPlan[],
  cal: { startsOn: string; schoolDays: string[]; lastDay: string },
  changes: Changes,
  uids: UidSource,
): PeoplePlan {
  const startYear = Number(cal.startsOn.slice(0, 4));
  const out: PeoplePlan = { pupils: [], guardians: [], guardianships: [] };
  const families: { family: Family; guardians: { idx: number; relation: string }[]; birthYear: number }[] = [];

  const newFamily = (birthYear: number) => {
    const family = randomFamily(rng);
    const guardians: { idx: number; relation: string }[] = [];
    const add = (name: GeneratedName, relation: string, age: number) => {
      const g: GuardianPlan = { idx: out.guardians.length, name, birthDate: dateInYear(rng, birthYear - age), uid: uids.maybe(0.55) };
      out.guardians.push(g);
      guardians.push({ idx: g.idx, relation });
    };
    // Most pupils have both parents on record, some one, a few a guardian (a grandmother).
    const r = rng();
    if (r < 0.95) add(motherName(rng, family), 'мать', int(rng, 22, 38));
    if (r < 0.7 || (r >= 0.95 && r < 0.99)) add(fatherName(rng, family), 'отец', int(rng, 24, 42));
    if (r >= 0.99) add(motherName(rng, family), 'опекун', int(rng, 48, 62));
    const f = { family, guardians, birthYear };
    families.push(f);
    return f;
  };

  const newPupil = (c: ClassPlan, from: string): PupilPlan => {
    const birthYear = startYear - 6 - c.grade;
    // About one pupil in ten has a brother or sister in another grade of the same school.
    const sibling = families.length > 10 && chance(rng, 0.1) ? pick(rng, families) : null;
    const f = sibling && sibling.birthYear !== birthYear ? sibling : newFamily(birthYear);
    const sex: Sex = chance(rng, 0.5) ? 'm' : 'f';
    const p: PupilPlan = {
      idx: out.pupils.length,
      name: personName(rng, sex, f.family),
      birthDate: dateInYear(rng, birthYear),
      uid: uids.maybe(0.9),
      ability: 3.1 + rng() * 1.8,
      stints: [{ classIdx: c.idx, from, to: null, half: 1 }],
    };
    out.pupils.push(p);
    for (const g of f.guardians) out.guardianships.push({ guardianIdx: g.idx, pupilIdx: p.idx, relation: g.relation });
    return p;
  };

  for (const c of classes) {
    const roster = Array.from({ length: c.size }, () => newPupil(c, cal.startsOn));
    // Subgroups split the class list in alphabetical order, as schools usually do.
    const sorted = [...roster].sort((a, b) => collate(a.name, b.name));
    sorted.forEach((p, i) => ((p.stints[0] as Stint).half = i < Math.ceil(sorted.length / 2) ? 1 : 2));
  }

  // Mid-year changes happen on school days after the first two weeks and, where possible,
  // before the last generated day, so they show in the generated journals.
  const last = cal.schoolDays.findLastIndex((d) => d <= cal.lastDay);
  const hi = last > 12 ? last : cal.schoolDays.length - 1;
  const changeDay = () => cal.schoolDays[int(rng, 10, hi)] as string;
  const parallel = (c: ClassPlan) => classes.filter((x) => x.grade === c.grade && x.idx !== c.idx);
  const settled = () => out.pupils.filter((p) => p.stints.length === 1 && p.stints[0]?.to === null && p.stints[0].from === cal.startsOn);
  for (let i = 0; i < changes.moves; i++) {
    const p = pick(rng, settled());
    const from = p.stints[0] as Stint;
    const target = pick(rng, parallel(classes[from.classIdx] as ClassPlan));
    const day = changeDay();
    from.to = addDays(day, -1);
    p.stints.push({ classIdx: target.idx, from: day, to: null, half: chance(rng, 0.5) ? 1 : 2 });
  }
  for (let i = 0; i < changes.leavers; i++) (pick(rng, settled()).stints[0] as Stint).to = addDays(changeDay(), -1);
  for (let i = 0; i < changes.arrivals; i++) {
    const p = newPupil(pick(rng, classes), changeDay());
    (p.stints[0] as Stint).half = chance(rng, 0.5) ? 1 : 2;
  }
  return out;
}

const ru = new Intl.Collator('ru');
function collate(a: GeneratedName, b: GeneratedName): number {
  return ru.compare(a.surname, b.surname) || ru.compare(a.name, b.name) || ru.compare(a.patronymic, b.patronymic);
}
