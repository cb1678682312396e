// Message keys come from the Russian dictionary; every other language must have exactly them.
import type { ru } from './ru';

export type Ru = typeof ru;
export type MessageKey = keyof Ru;
export type Dictionary = { readonly [K in MessageKey]: string };

/** The `{name}` placeholders of a Russian text, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** t('journal.slot', { n: 3 }) must get exactly the placeholders; t('login.submit') gets none. */
export type MessageArgs<K extends MessageKey> = [Placeholders<Ru[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<Ru[K]>, string | number>];

/** Keys whose text takes no parameters: what a table of labels may hold. */
export type PlainKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];
