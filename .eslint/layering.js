// Local ESLint rule `local/layering`: the dependency rules of DESIGN.md §4, checked on every
// import, export-from, dynamic import() and require(). Modelled on VS Code's code-layering rule.
// Relative specifiers are resolved against the importing file, so "../../hosts/http/server"
// from a service is caught just like an absolute-looking path would be; no-restricted-imports
// patterns only see the specifier text and cannot tell that.
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtins = new Set(builtinModules);

/** Which layer a repository-relative path belongs to; the most specific folder wins. */
function areaOf(rel) {
  if (rel.startsWith('..') || isAbsolute(rel)) return 'outside';
  const p = rel.split(sep).join('/');
  if (p.startsWith('src-main/hosts/electron/')) return 'electron-host';
  if (p.startsWith('src-main/hosts/')) return 'host';
  if (p.startsWith('src-main/services/')) return 'services';
  if (p.startsWith('src-main/')) return 'main';
  if (p.startsWith('src-renderer/')) return 'renderer';
  if (p.startsWith('src-shared/')) return 'shared';
  if (p.startsWith('db/')) return 'db';
  return 'other';
}

/** What an import specifier points at: one of our areas, or a kind of package. */
function targetOf(specifier, fromFile) {
  if (specifier.startsWith('.') || isAbsolute(specifier))
    return areaOf(relative(root, resolve(dirname(fromFile), specifier)));
  if (specifier === 'electron' || specifier.startsWith('electron/')) return 'electron';
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) return 'node';
  if (/^react(-dom)?(\/|$)/.test(specifier)) return 'react';
  return `package:${packageName(specifier)}`;
}

/** 'drizzle-orm/sqlite-core' -> 'drizzle-orm', '@tanstack/react-table/x' -> '@tanstack/react-table'. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const NAMES = {
  'electron-host': 'src-main/hosts/electron',
  host: 'src-main/hosts',
  services: 'src-main/services',
  main: 'src-main',
  renderer: 'src-renderer',
  shared: 'src-shared',
  db: 'db/',
  other: 'files outside the layers',
  outside: 'files outside the repository',
  node: 'Node built-in modules',
  react: 'React',
};

/** Forbidden targets per importing area (DESIGN.md §4). Packages are 'package:<name>'. */
const FORBIDDEN = {
  // The renderer runs in a sandboxed page: Node modules, the native SQLite driver, the ORM
  // and the PDF writer (it reads its fonts from disk) cannot work there and would only
  // bloat the bundle or fail at run time. fflate is plain JavaScript and allowed.
  renderer: [
    'main',
    'services',
    'host',
    'electron-host',
    'db',
    'node',
    'package:better-sqlite3',
    'package:pdfkit',
    'package:drizzle-orm',
    'package:drizzle-kit',
  ],
  services: ['host', 'electron-host', 'renderer'],
  main: ['renderer'],
  host: ['renderer'],
  'electron-host': ['renderer'],
  other: [],
  outside: [],
};

/**
 * Allow-lists, for the layers whose whole world is small: the contract compiles in both
 * runtimes, so zod only; the database layer is drizzle + the driver + Node, and nothing of
 * src-main (the demo generator moved out of db/ because it needed services).
 */
const ALLOWED = {
  shared: ['shared', 'package:zod'],
  db: ['db', 'node', 'package:drizzle-orm', 'package:better-sqlite3'],
};

function violation(from, target) {
  // Plain Node that loads 'electron' starts a binary download; only the adapter may, and
  // importing the adapter from elsewhere would drag it in all the same.
  if (from !== 'electron-host' && (target === 'electron' || target === 'electron-host'))
    return "only src-main/hosts/electron may import 'electron' or the Electron adapter";
  const allowed = ALLOWED[from];
  if (allowed && !allowed.includes(target)) {
    if (from === 'shared') return 'src-shared imports nothing but src-shared and zod (no Node, DOM framework, Electron or other package)';
    return `db/ imports only db/, Node built-ins, drizzle-orm and better-sqlite3, not ${describe(target)}`;
  }
  if (FORBIDDEN[from]?.includes(target)) return `${NAMES[from]} must not import ${describe(target)}`;
  return null;
}

function describe(target) {
  return target.startsWith('package:') ? `the package ${target.slice(8)}` : (NAMES[target] ?? target);
}

function literal(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  if (node.type === 'TSLiteralType') return literal(node.literal);
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer dependency rules of DESIGN.md §4' },
    schema: [],
    messages: { layer: '{{reason}} (DESIGN.md §4): "{{specifier}}"' },
  },
  create(context) {
    const file = context.filename;
    const from = areaOf(relative(root, file));
    function check(node, sourceNode) {
      const specifier = literal(sourceNode);
      if (specifier === null) return;
      const reason = violation(from, targetOf(specifier, file));
      if (reason) context.report({ node, messageId: 'layer', data: { reason, specifier } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.argument ?? node.source),
      TSExternalModuleReference: (node) => check(node, node.expression),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'local' }, rules: { layering } };
