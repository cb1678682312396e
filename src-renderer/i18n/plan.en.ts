// The school year (issue 11), part "plan". Same keys as plan.ru.ts.
import type { planRu } from './plan.ru';

export const planEn: { readonly [K in keyof typeof planRu]: string } = {
  'plan.title': 'Lesson plan',
};
