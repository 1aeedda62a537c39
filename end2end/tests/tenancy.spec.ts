import { test, expect, expectHydrated, ACCOUNTS, CLUBS, DEMO_PASSWORD } from './fixtures/base';
import { LoginPage } from './fixtures/login_page';
import { useSession } from './fixtures/auth';
import { LandingPage } from './fixtures/landing_page';
import { ClubPage } from './fixtures/club_page';
import { MembersPage } from './fixtures/members_page';
import { ErrorView } from './fixtures/error_view';

const own = CLUBS.kempenvlug;
const other = CLUBS.confluent;

test.describe('a plain member of one club', () => {
  test.beforeEach(async ({ page }) => {
    await useSession(page, ACCOUNTS.kempenvlugMember);
  });

  test('sees their own club', async ({ page }) => {
    const home = new ClubPage(page);
    const res = await home.goto(own.slug);
    expect(res?.status()).toBe(200);
    await expect(home.frame).toBeVisible();
    await expect(home.header.brand).toHaveText(own.name);
    // A plain member may not use the register: no link to it.
    await expect(home.sidebar.locator(`a[href="/c/${own.slug}/members"]`)).toHaveCount(0);
  });

  test('gets "not found" for another club', async ({ page, consoleGuard }) => {
    consoleGuard.allowHttpStatus(404);
    const errors = new ErrorView(page);
    const res = await page.goto(`/c/${other.slug}`);
    expect(res?.status()).toBe(404);
    await expect(errors.withStatus(404)).toBeVisible();
    await expect(page.getByTestId('club-frame')).toHaveCount(0);
    // Nothing of the other club shows, not even its name.
    await expect(page.locator('body')).not.toContainText(other.name);
    await expect(page).not.toHaveTitle(new RegExp(other.name));
  });

  test('gets "not found" for another club also through the directory link', async ({ page, consoleGuard }) => {
    consoleGuard.allowHttpStatus(404);
    const landing = new LandingPage(page);
    await landing.goto();
    await expectHydrated(page);
    // A page load, with JavaScript or without (pages navigate as plain HTML; only islands run).
    await landing.directoryEntry(other.name).click();
    await expect(page).toHaveURL((u) => u.pathname === `/c/${other.slug}`);
    await expect(new ErrorView(page).withStatus(404)).toBeVisible();
    await expect(page.getByTestId('club-frame')).toHaveCount(0);
  });

  test('is refused the member register of their own club', async ({ page, consoleGuard }) => {
    consoleGuard.allowHttpStatus(403);
    const members = new MembersPage(page);
    const res = await members.goto(own.slug);
    expect(res?.status()).toBe(403);
    await expect(new ErrorView(page).withStatus(403)).toBeVisible();
    await expect(members.table).toHaveCount(0);
    await expect(members.rows).toHaveCount(0);
  });
});

test('an anonymous visitor is asked to sign in for a club page', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(401);
  const errors = new ErrorView(page);
  const res = await page.goto(`/c/${own.slug}`);
  expect(res?.status()).toBe(401);
  await expect(errors.withStatus(401)).toBeVisible();
  await expect(page.getByTestId('club-frame')).toHaveCount(0);
  await expect(errors.signInLink).toBeVisible();
  await expect(errors.signInLink).toHaveAttribute('href', `/login?next=/c/${own.slug}`);
  await expectHydrated(page);

  // The link signs in and comes back.
  await errors.signInLink.click();
  await expect(page).toHaveURL((u) => u.pathname === '/login' && u.searchParams.get('next') === `/c/${own.slug}`);
  const login = new LoginPage(page);
  await expect(login.form).toBeVisible();
  await expectHydrated(page);
  await login.submitCredentials(ACCOUNTS.kempenvlugMember, DEMO_PASSWORD);
  await expect(page).toHaveURL((u) => u.pathname === `/c/${own.slug}`);
  await expect(new ClubPage(page).frame).toBeVisible();
});

test("a club's member record is not found through another club", async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(404);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const members = new MembersPage(page);
  await members.goto(own.slug);
  const href = (await members.nameLink(members.rows.first()).getAttribute('href')) ?? '';
  const id = href.split('/').pop();
  expect(id).toBeTruthy();
  await expectHydrated(page);

  await useSession(page, ACCOUNTS.confluentAdmin);
  const errors = new ErrorView(page);
  for (const path of [`/c/${other.slug}/members/${id}`, `/c/${own.slug}/members/${id}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(errors.withStatus(404), path).toBeVisible();
    await expect(page.getByTestId('member-name'), path).toHaveCount(0);
  }
});
