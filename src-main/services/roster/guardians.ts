// Roster import of guardians: a person linked to one or more pupils by their external ids.
import { fullName } from '../../../src-shared/names';
import { prep } from '../sql';
import { type TableRow } from './table';
import {
  Env,
  PersonFields,
  PersonRow,
  PreviewRow,
  RowCheck,
  addPreview,
  checkKind,
  checkUidHolder,
  insertPerson,
  personByExternalId,
  personDiff,
  readPerson,
  updatePerson,
} from './plan';

// ---- guardians ----

export function planGuardians(env: Env, rows: TableRow[]): void {
  const { ctx } = env;
  /** One person per guardian external id, however many children (rows) they have. */
  const guardians = new Map<string, { line: number; fields: PersonFields; existing: PersonRow | undefined; ref: { id: number | null } }>();
  const pairs = new Map<string, number>();

  for (const row of rows) {
    const r = new RowCheck(env, row);
    const { ext, fields } = readPerson(r);
    const pupilExt = r.text('pupilExternalId');
    const relation = r.text('relation');
    if (!pupilExt) r.fail('не указан код ученика');
    if (!relation) r.fail('не указана степень родства (мать, отец, опекун…)');
    else if (relation.length < 2 || relation.length > 50) r.fail('степень родства: от 2 до 50 символов');
    if (ext && pupilExt && ext === pupilExt) r.fail('код представителя совпадает с кодом ученика');

    let pupil: { id: number; surname: string; name: string; patronymic: string | null; label: string | null } | undefined;
    if (pupilExt) {
      pupil = prep(
        ctx.sqlite,
        `SELECT p.id, p.surname, p.name, p.patronymic,
                (SELECT c.grade || c.letter FROM enrolment e JOIN class_unit c ON c.id = e.class_id
                 WHERE e.pupil_id = p.id ORDER BY e.to_date IS NULL DESC, e.from_date DESC LIMIT 1) AS label
         FROM person p WHERE p.external_id = ? AND EXISTS (SELECT 1 FROM enrolment e WHERE e.pupil_id = p.id)`,
      ).get(pupilExt) as typeof pupil;
      if (!pupil) r.fail(`ученик с кодом ${pupilExt} не найден: сначала импортируйте учеников`);
    }
    if (ext && pupilExt) {
      const key = `${ext}\u0000${pupilExt}`;
      const first = pairs.get(key);
      if (first !== undefined) r.fail(`представитель ${ext} и ученик ${pupilExt} уже указаны в строке ${first}`);
      else pairs.set(key, row.line);
    }

    let g = ext ? guardians.get(ext) : undefined;
    if (g) {
      const a = g.fields;
      const differs =
        a.surname !== fields.surname ||
        a.name !== fields.name ||
        (a.patronymic ?? null) !== (fields.patronymic ?? null) ||
        (fields.birthDate !== undefined && a.birthDate !== fields.birthDate) ||
        (fields.uid !== undefined && a.uid !== fields.uid);
      if (differs) r.fail(`данные представителя с кодом ${ext} отличаются от строки ${g.line}: ФИО, дата рождения и UID должны совпадать`);
    } else if (ext && r.ok) {
      const existing = personByExternalId(ctx, ext);
      checkKind(r, ext, existing);
      checkUidHolder(r, fields.uid, existing?.id ?? null);
      if (r.ok) guardians.set(ext, (g = { line: row.line, fields, existing, ref: { id: existing?.id ?? null } }));
    }

    if (!r.ok || !g || !pupil) {
      for (const message of r.errors) env.plan.errors.push({ line: row.line, message });
      continue;
    }
    const guardian = g;
    const child = pupil;
    const isFirst = guardian.line === row.line;
    const link = guardian.existing
      ? (prep(ctx.sqlite, 'SELECT id, relation FROM guardianship WHERE guardian_id = ? AND pupil_id = ?').get(
          guardian.existing.id,
          child.id,
        ) as { id: number; relation: string } | undefined)
      : undefined;
    const childName = `${fullName(child)}${child.label ? ` (${child.label})` : ''}`;
    const diff = guardian.existing && isFirst ? personDiff(guardian.existing, fields) : null;
    const changes: string[] = [...(diff?.labels ?? [])];
    if (link && link.relation !== relation) changes.push(`степень родства: ${link.relation} → ${relation}`);
    const action: PreviewRow['action'] = !link ? 'create' : changes.length ? 'update' : 'unchanged';
    addPreview(env, row.line, action, ext, fields, [`${relation} → ${childName}`, ...changes].join('; '));
    if (action === 'unchanged') continue;

    env.plan.steps.push((rec) => {
      if (guardian.ref.id === null) guardian.ref.id = insertPerson(ctx, rec, ext, fields);
      else if (diff) updatePerson(ctx, rec, guardian.ref.id, diff);
      const guardianId = guardian.ref.id;
      if (!link) {
        const id = Number(
          prep(ctx.sqlite, 'INSERT INTO guardianship (guardian_id, pupil_id, relation) VALUES (?,?,?)').run(guardianId, child.id, relation)
            .lastInsertRowid,
        );
        rec.audit({
          action: 'roster.create',
          entity: 'guardianship',
          entityId: id,
          after: { guardianId, pupilId: child.id, relation },
          feed: 'upsert',
        });
      } else if (link.relation !== relation) {
        prep(ctx.sqlite, 'UPDATE guardianship SET relation = ? WHERE id = ?').run(relation, link.id);
        rec.audit({
          action: 'roster.update',
          entity: 'guardianship',
          entityId: link.id,
          before: { guardianId, pupilId: child.id, relation: link.relation },
          after: { guardianId, pupilId: child.id, relation },
          feed: 'upsert',
        });
      }
    });
  }
}
