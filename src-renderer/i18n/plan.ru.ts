// Учебный год (issue 11), part "plan". Spread into ru.ts; en must have exactly these keys (plan.en.ts).
export const planRu = {
  'plan.title': 'КТП',
};
