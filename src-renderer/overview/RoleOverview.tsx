// The start page's overview for the deputy (check, remarks, completeness) and the director
// (school-level completeness, charts, the export's state). Nothing for other roles.
export function RoleOverview() {
  return null;
}
