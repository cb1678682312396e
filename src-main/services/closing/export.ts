// What the export says of closing (issue 11): each term mark carries whether its term is closed
// for the pupil's class; a closing is fed as 'term_closure' "<termId>:<classId>" and re-sends
// that class's marks of the term.

/**
 * SQL (over term_mark tm JOIN term t): 1 when the mark's term is closed for the class of the
 * mark's group — closed for the whole school, or a closure row for that class.
 */
export const TERM_MARK_CLOSED = `(t.closed_at IS NOT NULL OR EXISTS (SELECT 1 FROM term_closure tc JOIN study_group cg ON cg.class_id = tc.class_id
     WHERE tc.term_id = t.id AND cg.id = tm.group_id))`;

/** The term marks a fed closing re-sends: every mark of the term in the class's groups. */
export const CLOSURE_TERM_MARKS = `SELECT tm.pupil_id, tm.group_id, tm.subject_id, tm.term_id FROM term_mark tm JOIN study_group g ON g.id = tm.group_id
   WHERE tm.term_id = ? AND g.class_id = ?`;
