import { defineConfig } from '@playwright/test';

/**
 * Playwright configuration for Tessera's browser tests.
 *
 * The server is started by the project's test script (no `webServer` here); point the
 * tests at it with TESSERA_BASE_URL. Browsers cannot be downloaded on the project's
 * machines, so the tests drive Debian's Chromium at /usr/bin/chromium.
 *
 * Every spec runs twice: in `js` (server-rendered pages whose islands hydrate) and in `no-js` (server-rendered
 * HTML and plain forms only), which is how the app proves it works without JavaScript.
 */
export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: process.env.TESSERA_BASE_URL ?? 'http://127.0.0.1:3100',
    browserName: 'chromium',
    // A fixed locale, so the Accept-Language header (one input of the page language) is
    // the same on every machine.
    locale: 'en-US',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
});
