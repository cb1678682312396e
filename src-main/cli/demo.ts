// npm run demo -- --db FILE [--big] [--today YYYY-MM-DD] [--seed N] [--force]
// Creates a demo school database (DESIGN.md §8) and prints the demo logins.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoDatabase } from '../demo/create';
import { DEMO_PASSWORD } from '../demo/generate';
import { DEMO_LOGINS } from '../services/auth/handlers';

const USAGE = `Использование / usage:
  npm run demo -- --db FILE [--big] [--today ГГГГ-ММ-ДД] [--seed N] [--force]

  --db FILE     файл новой базы данных (существующий непустой файл не перезаписывается)
  --big         эталонная нагрузка: 1500 учеников, 60 классов, 120 учителей, весь учебный год
  --today DATE  дата, на которую «живёт» демо-школа (по умолчанию сегодня, Москва)
  --seed N      другое зерно генератора (по умолчанию 621)
  --force       перезаписать существующий файл`;

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

function isValidDate(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T12:00:00Z`).toISOString().slice(0, 10) === d;
}

const fmt = (n: number) => n.toLocaleString('ru-RU');

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        db: { type: 'string' },
        big: { type: 'boolean', default: false },
        today: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.db) fail(`укажите файл базы: --db FILE\n${USAGE}`);
  if (args.today !== undefined && !isValidDate(args.today)) fail(`--today ждёт дату ГГГГ-ММ-ДД, получено «${args.today}»`);
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) fail(`--seed ждёт целое число, получено «${args.seed}»`);

  const file = resolve(args.db);
  const size = (() => {
    try {
      return statSync(file).size;
    } catch {
      return -1;
    }
  })();
  if (size > 0 && !args.force)
    fail(`файл ${file} уже существует и не пуст; демо-база создаётся только в новом файле (или добавьте --force, чтобы перезаписать его)`);

  console.log(`demo: создаю ${args.big ? 'большую (эталонную)' : 'демонстрационную'} школу в ${file} ...`);
  const s = await createDemoDatabase(file, {
    big: args.big,
    ...(args.today ? { today: args.today } : {}),
    ...(seed === undefined ? {} : { seed }),
  });
  console.log(`Учебный год ${s.schoolYear}, уроки по ${s.lessonsUntil}`);
  console.log(
    `  классов ${s.classes}, групп ${s.groups}, учеников ${fmt(s.pupils)}, законных представителей ${fmt(s.guardians)}, учителей ${s.teachers}`,
  );
  console.log(`  уроков ${fmt(s.lessons)} (замен ${s.substitutions}), отметок ${fmt(s.marks)}, пропусков ${fmt(s.absences)}`);
  console.log(`  готово за ${(s.elapsedMs / 1000).toFixed(1)} с`);
  console.log(`Демо-входы (пароль «${DEMO_PASSWORD}»):`);
  for (const l of DEMO_LOGINS) console.log(`  ${l.login.padEnd(9)} ${l.description}`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
