// Shared e2e vocabulary: the server's URL as baseURL, sign-in through the UI, and a typed
// RPC helper for arranging and checking state the way the app itself sees it.
import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';
import type { Envelope } from '../../src-shared/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/rpc/registry';

export { expect } from '@playwright/test';
export { E2E_TODAY } from './server';

export const DEMO_PASSWORD = 'demo';
/** Password checks are deliberately slow (scrypt); a loaded machine makes them slower still. */
export const SIGN_IN_TIMEOUT = 20_000;

export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.ZHURNAL_E2E_URL;
    if (!url) throw new Error('ZHURNAL_E2E_URL is not set: run through playwright.config.ts (its global setup starts the server)');
    await use(url);
  },
});

/** Signs in through the login form and waits for the shell. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-input').fill(login);
  await page.getByTestId('password-input').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
}

/** The session token the page holds (sessionStorage, see src-renderer/rpc/client.ts). */
export async function pageToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => window.sessionStorage.getItem('zhurnal.token'));
  if (!token) throw new Error('the page holds no session token');
  return token;
}

export async function rpc<M extends MethodName>(
  request: APIRequestContext,
  method: M,
  input: MethodInput<M>,
  token?: string,
): Promise<Envelope<MethodOutput<M>>> {
  const res = await request.post(`/rpc/${method}`, {
    data: input,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return (await res.json()) as Envelope<MethodOutput<M>>;
}

/** rpc() that must succeed. */
export async function rpcOk<M extends MethodName>(
  request: APIRequestContext,
  method: M,
  input: MethodInput<M>,
  token?: string,
): Promise<MethodOutput<M>> {
  const env = await rpc(request, method, input, token);
  if (!env.ok) throw new Error(`${method} failed: ${env.error.code} ${env.error.message}`);
  return env.value;
}
