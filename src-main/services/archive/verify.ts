// Checks an archive folder against its manifest: the signature (by the key the manifest names,
// or by a key the caller pins), every listed file's size and sha256, and files added or missing.
// Used by the CLI (npm run archive:verify) and the «Проверить архив» button; it reads only the
// folder, never the school database, so an archive can be checked anywhere.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOf, importPublic, verifyBytes } from './key';
import { hashFile, Manifest, MANIFEST, safeRelative, SIGNATURE } from './manifest';
import { count } from '../check-report/text';
import { groupHex } from './names';

export interface ArchiveProblem {
  code: 'manifest' | 'signature' | 'key' | 'missing' | 'size' | 'sha256' | 'extra';
  path: string | null;
  message: string;
}

export interface ArchiveVerdict {
  ok: boolean;
  problems: ArchiveProblem[];
  /** From the manifest (when it could be read): what the archive says it is. */
  yearLabel: string | null;
  schoolName: string | null;
  createdAt: string | null;
  fingerprint: string | null;
  files: number;
}

/** Every regular file under dir, "/"-separated; anything else (a link, a device) is listed too, to be reported. */
function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out;
}

function parseManifest(bytes: Buffer): Manifest | string {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'manifest.json не читается как JSON';
  }
  const m = Manifest.safeParse(raw);
  return m.success ? m.data : `manifest.json не по формату (${m.error.issues[0]?.path.join('.') ?? ''}: ${m.error.issues[0]?.message ?? ''})`;
}

/** A pinned key given as the base64 key itself or as its fingerprint (any spacing). */
function pinMatches(pin: string, publicKey: string): boolean {
  const p = pin.trim();
  if (p === publicKey) return true;
  const hex = p.replace(/[\s:]/g, '');
  return /^[0-9a-fA-F]{64}$/.test(hex) && groupHex(hex) === fingerprintOf(publicKey);
}

export async function verifyArchive(dir: string, opts: { publicKey?: string } = {}): Promise<ArchiveVerdict> {
  const problems: ArchiveProblem[] = [];
  const verdict = (m: Manifest | null): ArchiveVerdict => ({
    ok: problems.length === 0,
    problems,
    yearLabel: m?.year.label ?? null,
    schoolName: m?.school.name ?? null,
    createdAt: m?.createdAt ?? null,
    fingerprint: m?.key.fingerprint ?? null,
    files: m?.files.length ?? 0,
  });
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, MANIFEST));
  } catch {
    problems.push({ code: 'manifest', path: MANIFEST, message: `нет файла ${MANIFEST}: это не папка архива или он удалён` });
    return verdict(null);
  }
  const m = parseManifest(bytes);
  if (typeof m === 'string') {
    problems.push({ code: 'manifest', path: MANIFEST, message: m });
    return verdict(null);
  }

  // The signature first: a manifest nobody signed proves nothing about the files it lists.
  const key = importPublic(m.key.publicKey);
  if (!key || fingerprintOf(m.key.publicKey) !== m.key.fingerprint)
    problems.push({ code: 'key', path: MANIFEST, message: 'ключ в манифесте повреждён (ключ и отпечаток не сходятся)' });
  else if (opts.publicKey !== undefined && !pinMatches(opts.publicKey, m.key.publicKey))
    problems.push({ code: 'key', path: MANIFEST, message: `архив подписан другим ключом (${m.key.fingerprint}), не ожидаемым` });
  let signature: string | null = null;
  try {
    signature = readFileSync(join(dir, SIGNATURE), 'utf8').trim();
  } catch {
    problems.push({ code: 'signature', path: SIGNATURE, message: `нет файла подписи ${SIGNATURE}` });
  }
  if (key && signature !== null && !verifyBytes(key, bytes, signature))
    problems.push({ code: 'signature', path: MANIFEST, message: 'подпись манифеста неверна: манифест изменён после подписи или подписан другим ключом' });

  const listed = new Set<string>([MANIFEST, SIGNATURE]);
  for (const f of m.files) {
    if (!safeRelative(f.path) || listed.has(f.path)) {
      problems.push({ code: 'manifest', path: f.path, message: `недопустимый или повторный путь в манифесте: ${f.path}` });
      continue;
    }
    listed.add(f.path);
    const file = join(dir, ...f.path.split('/'));
    let st;
    try {
      st = lstatSync(file);
    } catch {
      problems.push({ code: 'missing', path: f.path, message: `нет файла ${f.path}` });
      continue;
    }
    if (!st.isFile()) {
      problems.push({ code: 'missing', path: f.path, message: `${f.path} не обычный файл` });
      continue;
    }
    if (st.size !== f.size) {
      problems.push({ code: 'size', path: f.path, message: `размер ${f.path}: ${st.size} байт, в манифесте ${f.size}` });
      continue;
    }
    const { sha256 } = await hashFile(file);
    if (sha256 !== f.sha256) problems.push({ code: 'sha256', path: f.path, message: `содержимое ${f.path} изменено (sha256 не совпадает)` });
  }
  for (const rel of walk(dir)) if (!listed.has(rel)) problems.push({ code: 'extra', path: rel, message: `лишний файл, которого нет в манифесте: ${rel}` });
  return verdict(m);
}

/** One line, Russian / English, for the CLI and logs. */
export function verdictLine(v: ArchiveVerdict): string {
  if (v.ok)
    return `Архив цел: ${v.yearLabel}, ${count(v.files, ['файл', 'файла', 'файлов'])}, подпись верна (ключ ${v.fingerprint}) / Archive intact: ${v.files} files, signature valid`;
  const first = v.problems[0]!.message;
  return `Архив НЕ прошёл проверку (${count(v.problems.length, ['нарушение', 'нарушения', 'нарушений'])}): ${first} / Archive verification FAILED: ${v.problems.length} problem(s)`;
}
