import Database from 'better-sqlite3';
import { verifyAuditChain } from '../src-main/services/mutate';
const sqlite = new Database(process.argv[2]!, { readonly: true }) as any;
console.log('rows', sqlite.prepare('SELECT count(*) n, max(seq) m FROM audit_event').get());
for (let i = 0; i < 2; i++) { const t = performance.now(); const r = verifyAuditChain({ sqlite }); console.log('verify', r, Math.round(performance.now() - t), 'ms'); }
