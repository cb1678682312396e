// Who the portal knows (issue 9): ONE rule for the full and the daily package, so a chain of
// daily packages leaves the portal exactly as one full package would. Pupils enrolled in the
// year; staff whose account is not disabled; guardians only with a connected diary application
// for one of those pupils (an unconnected guardian's UID would give nothing but a trace).
// A person in several roles appears once, as pupil, else staff, else guardian.
import type { Sqlite } from '../../../db/client';
import { prep } from '../sql';

export interface ExportedPerson {
  id: number;
  kind: 'pupil' | 'guardian' | 'staff';
  uid: string | null;
}

const PEOPLE_SQL = `
WITH year_pupil AS (
       SELECT DISTINCT e.pupil_id AS id FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = @year),
     who AS (
       SELECT id, 'pupil' AS kind, 1 AS rank FROM year_pupil
       UNION ALL SELECT person_id, 'staff', 2 FROM staff_user WHERE disabled = 0
       UNION ALL SELECT DISTINCT guardian_id, 'guardian', 3 FROM diary_application
                 WHERE status = 'connected' AND pupil_id IN (SELECT id FROM year_pupil)),
     best AS (SELECT id, MIN(rank) AS rank FROM who GROUP BY id)
SELECT p.id, w.kind, p.portal_uid AS uid
FROM best b JOIN who w ON w.id = b.id AND w.rank = b.rank JOIN person p ON p.id = b.id
WHERE @only IS NULL OR p.id IN (SELECT value FROM json_each(@only))
ORDER BY b.rank, p.id`;

/** The people of the year the portal should know; `only` narrows to these person ids. */
export function exportedPeople(sqlite: Sqlite, yearId: number, only: number[] | null = null): ExportedPerson[] {
  return prep(sqlite, PEOPLE_SQL).all({ year: yearId, only: only === null ? null : JSON.stringify(only) }) as ExportedPerson[];
}

/** The guardian → pupil grants: connected applications of the year's pupils, guardian with a UID. */
export const GUARDIAN_GRANTS_SQL = `
SELECT DISTINCT p.portal_uid AS uid, a.pupil_id FROM diary_application a JOIN person p ON p.id = a.guardian_id
WHERE a.status = 'connected' AND p.portal_uid IS NOT NULL
  AND a.pupil_id IN (SELECT e.pupil_id FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ?)
ORDER BY uid, a.pupil_id`;
