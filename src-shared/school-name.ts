// The school's full name in the genitive where the administrator has not typed one (issue 13):
// a phrase that declines by itself around the nominative name in quotes, never a rule-made
// guess at an organisation's name. Shared: main prints it, the settings screen shows it.
export const genitiveFallback = (nominative: string): string => `образовательной организации «${nominative}»`;
