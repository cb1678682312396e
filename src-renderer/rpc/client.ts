// The renderer's only way to main: a typed invoke over the one RPC registry.
// Transport is chosen once at start: Electron's preload bridge when present, else HTTP
// to the local host that served this page. Both carry the same envelopes.
import type { Envelope, ErrorCode, ValidationIssue } from '../../src-shared/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/rpc/registry';

/** Server codes plus 'network': the host could not be reached or answered garbage. */
export type ClientErrorCode = ErrorCode | 'network';

export class RpcError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly issues: ValidationIssue[] = [],
    readonly method?: string,
    /** conflict: the current value (with its version) the edit was refused against. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

type Transport = (method: string, input: unknown, token: string | null) => Promise<Envelope<unknown>>;

const httpTransport: Transport = async (method, input, token) => {
  let res: Response;
  try {
    res = await fetch(`/rpc/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
    });
  } catch {
    throw new RpcError('network', 'Нет связи с программой журнала', [], method);
  }
  try {
    // Error statuses (401, 423…) still carry the envelope: read the body, not res.ok.
    return (await res.json()) as Envelope<unknown>;
  } catch {
    throw new RpcError('network', `Неожиданный ответ программы (HTTP ${res.status})`, [], method);
  }
};

function pickTransport(): Transport {
  const bridge = typeof window !== 'undefined' ? window.zhurnal : undefined;
  if (bridge && typeof bridge.invoke === 'function') return (m, i, t) => bridge.invoke(m, i, t);
  return httpTransport;
}

const transport = pickTransport();

// The session token lives in sessionStorage, not only in memory: a reload (F5, a crash of
// the page) keeps the teacher signed in, while closing the window or tab forgets it.
// localStorage would outlive the window and leave a usable token on a shared school PC.
const TOKEN_KEY = 'zhurnal.token';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the token then lives in memory only
  }
}

let token: string | null = storage()?.getItem(TOKEN_KEY) ?? null;

export function getToken(): string | null {
  return token;
}

export function setToken(next: string | null): void {
  token = next;
  const s = storage();
  if (!s) return;
  if (next) s.setItem(TOKEN_KEY, next);
  else s.removeItem(TOKEN_KEY);
}

type ErrorListener = (error: RpcError) => void;
const errorListeners = new Set<ErrorListener>();

/** Every failed call is reported here too, so the shell can react to ended or locked sessions. */
export function onRpcError(listener: ErrorListener): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

/** Every answer, good or not, in a word: the school network banner needs the good ones too. */
export interface RpcAnswer {
  method: string;
  ok: boolean;
  code?: ClientErrorCode;
  message?: string;
}
type AnswerListener = (answer: RpcAnswer) => void;
const answerListeners = new Set<AnswerListener>();

export function onRpcAnswer(listener: AnswerListener): () => void {
  answerListeners.add(listener);
  return () => answerListeners.delete(listener);
}

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  let envelope: Envelope<unknown>;
  try {
    envelope = await transport(method, input, token);
  } catch (e) {
    const err = e instanceof RpcError ? e : new RpcError('network', 'Нет связи с программой журнала', [], method);
    report(err);
    throw err;
  }
  // device.* is answered by this PC itself: it says nothing about the school host.
  if (!method.startsWith('device.'))
    answered({
      method,
      ok: envelope?.ok === true,
      ...(envelope?.ok === false ? { code: envelope.error.code, message: envelope.error.message } : {}),
    });
  if (envelope && envelope.ok === true) return envelope.value as MethodOutput<M>;
  const body = envelope && envelope.ok === false ? envelope.error : undefined;
  const err = new RpcError(body?.code ?? 'internal', body?.message ?? 'Внутренняя ошибка программы', body?.issues ?? [], method, body?.current);
  report(err);
  throw err;
}

function answered(answer: RpcAnswer): void {
  for (const l of answerListeners) {
    try {
      l(answer);
    } catch (e) {
      console.error('rpc answer listener failed', e);
    }
  }
}

function report(err: RpcError): void {
  // One throwing listener must not hide the error from the caller or from the others.
  for (const l of errorListeners) {
    try {
      l(err);
    } catch (e) {
      console.error('rpc error listener failed', e);
    }
  }
}
