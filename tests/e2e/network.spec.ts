// «Администрирование → Сеть» as `admin`, on a demo school of its own (serving changes the
// host): turn serving on at 127.0.0.1, the fingerprint shown equals the one the HTTPS host
// presents, a pairing code with its countdown pairs a PC, the PC is listed and disconnected
// after a confirmation, and the host then refuses it.
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { expect, test, type Page } from '@playwright/test';
import { APP_VERSION } from '../../src-main/version';
import { DEMO_PASSWORD, SIGN_IN_TIMEOUT } from './fixtures';
import { startServer, type RunningServer } from './server';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer('demo');
});
test.afterAll(async () => {
  await server?.stop();
});

async function signInAdmin(page: Page) {
  await page.goto(server.url);
  await page.getByTestId('login-input').fill('admin');
  await page.getByTestId('password-input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
}

/** A port nobody listens on right now (the form takes 1–65535, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One request to the network host as a client PC would send it; the presented fingerprint too. */
function hostRequest(port: number, path: string, body: unknown, device?: string) {
  return new Promise<{ status: number; json: any; fingerprint256: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        rejectUnauthorized: false,
        agent: false,
        headers: { 'Content-Type': 'application/json', 'X-Zhurnal-Version': APP_VERSION, ...(device ? { 'X-Zhurnal-Device': device } : {}) },
      },
      (res) => {
        const fingerprint256 = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text), fingerprint256 }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('the administrator serves the school network, pairs a PC with a code and disconnects it', async ({ page }) => {
  await signInAdmin(page);
  await page.goto(`${server.url}#/admin?tab=network`);
  await expect(page.getByTestId('network-tab')).toBeVisible();
  await expect(page.getByTestId('network-state')).toContainText('выключен');

  const port = await freePort();
  await page.getByTestId('network-address').fill('127.0.0.1');
  await page.getByTestId('network-port').fill(String(port));
  await page.getByTestId('network-start').click();
  await expect(page.getByTestId('network-state')).toContainText(`https://127.0.0.1:${port}/`);

  // The fingerprint on screen, in four lines of four groups, is the certificate the host presents.
  const shown = (await page.getByTestId('network-fingerprint').getAttribute('aria-label'))!;
  await expect(page.getByTestId('network-fingerprint').locator('div')).toHaveCount(4);
  const probe = await hostRequest(port, '/rpc/auth.status', {});
  expect(probe.status).toBe(401);
  expect(shown).toBe(probe.fingerprint256.replace(/:/g, '').match(/.{4}/g)!.join(' '));
  // The sheet for the server room exists on paper only: the school, the address, the fingerprint.
  const sheet = page.getByTestId('network-print-sheet');
  await expect(sheet).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('h1')).toHaveText(/школа/i);
  await expect(sheet).toContainText(`https://127.0.0.1:${port}/`);
  for (const line of shown.match(/(\S{4} ){3}\S{4}/g)!) await expect(sheet).toContainText(line);
  await page.emulateMedia({ media: 'screen' });

  await page.getByTestId('network-code-create').click();
  const code = (await page.getByTestId('network-code').textContent())!.replace(/\s/g, '');
  expect(code).toMatch(/^\d{6}$/);
  await expect(page.getByTestId('network-code-expires')).toContainText(/(10:00|9:5\d)/);

  const paired = await hostRequest(port, '/pair', { code, name: 'Кабинет 7', version: APP_VERSION });
  expect(paired.status).toBe(200);
  const { deviceId, deviceToken } = paired.json.value;

  await page.reload();
  await expect(page.getByTestId('network-tab')).toBeVisible();
  const row = page.getByTestId(`network-device-${deviceId}`);
  await expect(row).toContainText('Кабинет 7');
  await expect(row).toContainText('127.0.0.1');
  await expect(row).toContainText(APP_VERSION);

  await page.getByTestId(`network-revoke-${deviceId}`).click();
  await expect(page.getByTestId('network-revoke-dialog')).toContainText('Кабинет 7');
  await page.getByTestId('network-revoke-confirm').click();
  await expect(row).toContainText('отключён');
  const refused = await hostRequest(port, '/rpc/auth.status', {}, deviceToken);
  expect(refused.status).toBe(401);
  expect(refused.json.error.message).toContain('отключён администратором');

  await page.getByTestId('network-stop').click();
  await expect(page.getByTestId('network-state')).toContainText('выключен');
});
