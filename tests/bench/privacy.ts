// Measures the free-text check (issue 9) on a school database: building the name index of all
// its people, the per-save version check, and checking texts. Not part of `npm run bench`'s
// table; run by hand: npx tsx tests/bench/privacy.ts --db /tmp/big.db (npm run demo -- --big).
import Database from 'better-sqlite3';
import { findPersonal } from '../../src-main/services/privacy/detect';
import { schoolNameIndex } from '../../src-main/services/privacy/school';
import { medianMs } from './measure';

const at = process.argv.indexOf('--db');
if (at < 0 || !process.argv[at + 1]) throw new Error('usage: tsx tests/bench/privacy.ts --db FILE');
const sqlite = new Database(process.argv[at + 1], { readonly: false });
const people = sqlite.prepare('SELECT COUNT(*) FROM person').pluck().get() as number;
const pupils = sqlite.prepare('SELECT COUNT(DISTINCT pupil_id) FROM enrolment').pluck().get() as number;

const t0 = performance.now();
const first = schoolNameIndex(sqlite);
const firstMs = performance.now() - t0;
const build = await medianMs(() => {
  // What a saved change to a person does: the TEMP trigger bumps this counter.
  sqlite.exec('UPDATE temp.privacy_people_version SET n = n + 1');
  return schoolNameIndex(sqlite);
}, 10, 2);
const cached = await medianMs(() => schoolNameIndex(sqlite), 2000);

const topics = sqlite.prepare('SELECT topic FROM lesson WHERE topic IS NOT NULL LIMIT 5000').pluck().all() as string[];
const surname = sqlite
  .prepare("SELECT surname FROM person p JOIN enrolment e ON e.pupil_id = p.id WHERE surname LIKE '%ов' AND patronymic LIKE '%ич' LIMIT 1")
  .pluck()
  .get() as string;
const texts = [
  ...topics,
  `Работа над ошибками: ${surname}у переписать, родителям позвонить +7 (921) 555-12-34`,
  'Упр. 312, правило на с. 98; выучить стихотворение А. С. Пушкина «Зимнее утро», подготовить пересказ текста.',
];
let found = 0;
const all = await medianMs(() => {
  found = 0;
  for (const t of texts) found += findPersonal(t, first).length;
}, 20, 3);
const long = 'Прочитать параграф 12, ответить на вопросы 1–5, выписать определения. '.repeat(55).slice(0, 4000);
const longMs = await medianMs(() => findPersonal(long, first), 500);

console.log(`people: ${people} (pupils ${pupils}); name forms in the index: ${first.size}`);
console.log(`index, first build (triggers, query, declension): ${firstMs.toFixed(1)} ms`);
console.log(`index, rebuild after a change (median of 10): ${build.toFixed(1)} ms`);
console.log(`index, unchanged (version check only, median): ${(cached * 1000).toFixed(1)} µs`);
console.log(`findings in them: ${found}`);
console.log(`check ${texts.length} texts (median): ${all.toFixed(2)} ms = ${((all / texts.length) * 1000).toFixed(1)} µs per text`);
console.log(`check a 4,000-character homework (median): ${(longMs * 1000).toFixed(1)} µs`);
sqlite.close();
