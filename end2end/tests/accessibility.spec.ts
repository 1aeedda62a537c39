import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { test, expect, expectHydrated, hasJs, ACCOUNTS, CLUBS, FEDERATION } from './fixtures/base';
import { useSession } from './fixtures/auth';

/**
 * Every page, as each kind of visitor sees it, with and without JavaScript (the two
 * projects), on a desktop screen and on phones of 375 and 320 px: axe finds nothing
 * (WCAG 2.1 A and AA rules and axe's best practices), the page never scrolls sideways, and
 * every page has a title. The console guard (fixtures/base.ts) fails the test on any
 * Content-Security-Policy violation, which Chromium reports on the console.
 */

const club = CLUBS.kempenvlug;
const base = `/c/${club.slug}`;

/** The pages' HTTP statuses other than 200 that the list visits on purpose. */
const ERROR_STATUSES = [401, 403, 404];

type Finding = string;

/** Checks one page at the three widths; returns what is wrong with it. */
async function checkPage(page: Page, path: string): Promise<Finding[]> {
  const found: Finding[] = [];
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(path);
  await expectHydrated(page);
  const title = (await page.title()).trim();
  if (!title) found.push(`${path}: no <title>`);
  for (const width of [1280, 375, 320]) {
    await page.setViewportSize({ width, height: 800 });
    const sideways = await page.evaluate(() => {
      const s = document.scrollingElement ?? document.documentElement;
      return { scroll: s.scrollWidth, inner: window.innerWidth };
    });
    if (sideways.scroll > sideways.inner) {
      // What sticks out: elements and text outside the window, not inside a box of their
      // own that clips or scrolls them.
      const wide = await page.evaluate((inner) => {
        const clipped = (el: Element | null): boolean => {
          for (let e = el?.parentElement; e && e !== document.body; e = e.parentElement) {
            if (getComputedStyle(e).overflowX !== 'visible') return true;
          }
          return false;
        };
        const name = (el: Element) =>
          `${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
        const out: string[] = [];
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          if (out.length >= 3) break;
          if (el.getBoundingClientRect().right > inner + 1 && !clipped(el)) out.push(`${name(el)} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
        }
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let n = walker.nextNode(); n && out.length < 5; n = walker.nextNode()) {
          range.selectNodeContents(n);
          const right = range.getBoundingClientRect().right;
          if (right > inner + 1 && !clipped(n.parentElement) && getComputedStyle(n.parentElement!).overflowX === 'visible') {
            out.push(`text "${(n.textContent ?? '').trim().slice(0, 40)}" in ${name(n.parentElement!)} (right edge ${Math.round(right)})`);
          }
        }
        return out;
      }, sideways.inner);
      found.push(`${path} at ${width}px scrolls sideways: ${sideways.scroll} > ${sideways.inner}; ${wide.join(', ')}`);
    }
    if (width === 375) continue;
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    for (const v of result.violations) {
      const where = v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('; ');
      found.push(`${path} at ${width}px: ${v.id} (${v.impact}): ${v.help} [${where}]`);
    }
  }
  return found;
}

/**
 * Checks every page of `paths`. In the `no-js` project, where Playwright can run no script
 * in the page (axe is one), each page is checked in a twin of the browser context (same
 * cookies) that has JavaScript but may load none of the app's: it shows the HTML the
 * server sent, as a browser without JavaScript does.
 */
async function checkAll(page: Page, browser: Browser, paths: string[]): Promise<void> {
  let target = page;
  if (!hasJs()) {
    // (Playwright gives a context made in a test the project's options: JavaScript is
    // switched on here explicitly.)
    const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'en-US', javaScriptEnabled: true });
    await ctx.addCookies(await page.context().cookies());
    await ctx.route(/\/pkg\/.*\.(js|wasm)(\?.*)?$/, (r) => r.abort());
    target = await ctx.newPage();
  }
  const found: Finding[] = [];
  for (const p of paths) found.push(...(await checkPage(target, p)));
  if (target !== page) await target.context().close();
  expect(found, 'accessibility problems').toEqual([]);
}

/** The first address on the page at `path` that matches `pattern` (read from its HTML). */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
  const html = await (await page.request.get(path)).text();
  const found = Array.from(html.matchAll(/href="([^"]*)"/g), (m) => m[1]).find((h) => pattern.test(h));
  expect(found, `a link matching ${pattern} on ${path}`).toBeTruthy();
  return found!;
}

test.describe.configure({ timeout: 300_000 });

test('every page is accessible to an anonymous visitor', async ({ page, browser, consoleGuard }) => {
  consoleGuard.allowHttpStatus(...ERROR_STATUSES);
  await page.context().clearCookies();
  await checkAll(page, browser, [
    '/',
    '/login',
    '/login/forgot',
    `${base}/join/word-lid`,
    base,
    '/c/no-such-club',
    '/no-such-page',
    '/admin',
  ]);
});

test('every page is accessible to a member who is a guardian', async ({ page, browser, consoleGuard }) => {
  consoleGuard.allowHttpStatus(...ERROR_STATUSES);
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const child = await firstLink(page, `${base}/me`, new RegExp(`^${base}/me/children/\\d+$`));
  await checkAll(page, browser, [
    '/',
    '/account',
    '/account/two-factor',
    base,
    `${base}/me`,
    child,
    `${base}/events`,
    `${base}/me/privacy`,
    `${base}/me/privacy?child=${child.split('/').pop()}`,
    `${base}/me/invoices`, // pay20
  ]);
  await checkAll(page, browser, ['/', '/account', '/account/two-factor', base, `${base}/me`, `${base}/me/consents`, child, `${base}/events`]);
});

test('every page is accessible to a club administrator', async ({ page, browser, consoleGuard }) => {
  consoleGuard.allowHttpStatus(...ERROR_STATUSES);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const member = await firstLink(page, `${base}/members`, new RegExp(`^${base}/members/\\d+$`));
  const role = await firstLink(page, `${base}/settings/roles`, new RegExp(`^${base}/settings/roles/\\d+$`));
  const group = await firstLink(page, `${base}/groups`, new RegExp(`^${base}/groups/\\d+$`));
  const mailing = await firstLink(page, `${base}/mailings`, new RegExp(`^${base}/mailings/\\d+$`));
  const occurrence = await firstLink(page, `${base}/activities`, new RegExp(`^${base}/activities/\\d+/\\d{4}-\\d{2}-\\d{2}$`));
  const season = await firstLink(page, `${base}/fees`, new RegExp(`^${base}/fees/\\d+$`)); // pay20
  // wk19: a role that is not the administrator's (its leader-scope card), the last listed.
  const rolesHtml = await (await page.request.get(`${base}/settings/roles`)).text();
  const roleLinks = Array.from(rolesHtml.matchAll(/href="([^"]*)"/g), (m) => m[1]).filter((h) =>
    new RegExp(`^${base}/settings/roles/\\d+$`).test(h),
  );
  const otherRole = roleLinks[roleLinks.length - 1];
  await checkAll(page, browser, [
    otherRole,
    `${base}/mailings?selection=q%3Djans%26status%3Dactive`,
    `${base}/members?group=${group.split('/').pop()}`,
    `${base}/groups`,
    group,
    `${base}/lists/team/${group.split('/').pop()}`,
    `${base}/lists/card/${member.split('/').pop()}`,
    `${base}/activities`,
    occurrence,
    `${base}/activities/figures`,
    `${base}/calendar`,
    `${base}/mailings`,
    mailing,
    `${base}/documents`,
  ]);
  await checkAll(page, browser, [
    '/',
    '/account',
    base,
    `${base}/members`,
    `${base}/members?q=jans`,
    `${base}/members/new`,
    member,
    `${member}/edit`,
    `${base}/members/import`,
    `${base}/events`,
    `${base}/exports`,
    `${base}/settings/modules`,
    `${base}/templates`, // templates
    `${base}/settings/roles`,
    role,
    `${base}/settings/admins`,
    `${base}/settings/look`,
    `${base}/settings/terms`,
    `${base}/settings/fields`,
    `${base}/forms`,
    `${base}/applications`,
    `${base}/privacy/requests`,
    `${base}/privacy/retention`,
    `${base}/privacy`,
    `${base}/privacy/breaches`,
    `${base}/privacy/record`,
    `${base}/privacy/consents`,
    `${base}/privacy/exports`,
    // pay20: the fees pages, the season's invoices with the register's filter counted, a
    // member's invoices
    `${base}/fees`,
    season,
    `${season}?q=a&preview=1`,
    `${base}/fees/member/${member.split('/').pop()}`,
    // reconcile
    `${base}/fees/bank`,
    // reminders
    `${base}/fees`,
    `${base}/fees/overdue`,
    `${base}/members?unpaid=1`,
    `${base}/fees/report`, // rep20: the fee report with its chart
    `${base}/licences`, // licences
    `${base}/transfers`, // xfer18: transfers
  ]);
});

test('every page is accessible to federation staff', async ({ page, browser, consoleGuard }) => {
  consoleGuard.allowHttpStatus(...ERROR_STATUSES);
  await useSession(page, ACCOUNTS.federation);
  await checkAll(page, browser, [
    '/',
    '/account',
    `/f/${FEDERATION.slug}`,
    `/f/${FEDERATION.slug}?done=counted`, // dash18: the dashboard after counting again
    // templates
    `/f/${FEDERATION.slug}/templates`,
    `/f/${FEDERATION.slug}/licences`, // licences
    `/f/${FEDERATION.slug}/log`, // fedlog18
    `/f/${FEDERATION.slug}/transfers`, // xfer18: transfers
  ]);
});

test('every page is accessible to the platform operator', async ({ page, browser, consoleGuard }) => {
  consoleGuard.allowHttpStatus(...ERROR_STATUSES);
  await useSession(page, ACCOUNTS.operator);
  await checkAll(page, browser, ['/', '/account', '/admin', '/admin/privacy']);
});
