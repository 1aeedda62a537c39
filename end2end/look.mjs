// Dev helper (not a test): signs in as a demo account and screenshots pages.
// node look.mjs <email> <path>... ; screenshots go to /tmp/shots.
import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const BASE = process.env.BASE ?? 'http://127.0.0.1:3000';
const PW = process.env.PW ?? 'demo-password-2026';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function b32(s) { let bits = 0, v = 0; const o = []; for (const c of s.replace(/[\s=]/g, '').toUpperCase()) { v = (v << 5) | B32.indexOf(c); bits += 5; if (bits >= 8) { o.push((v >>> (bits - 8)) & 255); bits -= 8; } } return Buffer.from(o); }
function code(secret, step) { const m = Buffer.alloc(8); m.writeBigUInt64BE(BigInt(step)); const h = createHmac('sha1', b32(secret)).update(m).digest(); const off = h[h.length - 1] & 15; return String((((h[off] & 127) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3]) % 1e6).padStart(6, '0'); }
const stateFile = '/tmp/shots/keys.json';
const keys = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
const [email, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: +(process.env.W ?? 1280), height: 900 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
await page.goto(`${BASE}/login`);
await page.fill('input[name=email]', email);
await page.fill('input[name=password]', PW);
await page.click('main form button[type=submit]');
await page.waitForLoadState();
if (page.url().includes('/account/two-factor')) {
  const key = await page.getByTestId('totp-key').getAttribute('data-key');
  keys[email] = { key, last: 0 };
  const step = Math.floor(Date.now() / 30000);
  await page.fill('input[name=code]', code(key, step)); keys[email].last = step;
  await page.click('main form button[type=submit]');
  await page.waitForLoadState();
} else if (page.url().includes('/login/verify')) {
  let step = Math.max(Math.floor(Date.now() / 30000), keys[email].last + 1);
  while (step > Math.floor(Date.now() / 30000) + 1) await new Promise((r) => setTimeout(r, 2000));
  await page.fill('input[name=code]', code(keys[email].key, step)); keys[email].last = step;
  await page.click('main form button[type=submit]');
  await page.waitForLoadState();
}
writeFileSync(stateFile, JSON.stringify(keys));
writeFileSync('/tmp/shots/cookies.json', JSON.stringify(await page.context().cookies()));
for (const p of paths) {
  const r = await page.goto(`${BASE}${p}`);
  await page.waitForTimeout(600);
  const name = p.replace(/[^a-z0-9]+/gi, '_');
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(p, r.status(), `/tmp/shots/${name}.png`);
}
await browser.close();
