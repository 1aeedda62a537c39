import { test, expect, expectHydrated, hasJs, ACCOUNTS, CLUBS, DEMO_PASSWORD } from './fixtures/base';
import { completeSecondFactor, signIn, useSession } from './fixtures/auth';
import { LoginPage } from './fixtures/login_page';
import { LandingPage } from './fixtures/landing_page';
import { ClubPage, type StatId } from './fixtures/club_page';

const club = CLUBS.kempenvlug;

test('a club administrator signs in and opens the club', async ({ page }) => {
  const login = new LoginPage(page);
  const res = await login.goto();
  expect(res?.status()).toBe(200);
  await expect(login.form).toBeVisible();
  await expectHydrated(page);

  await login.submitCredentials(ACCOUNTS.kempenvlugAdmin, DEMO_PASSWORD);
  // Staff give a second factor (set up at their first sign-in): the helper does that step.
  await expect(page).toHaveURL((u) => ['/login/verify', '/account/two-factor'].includes(u.pathname));
  await completeSecondFactor(page, ACCOUNTS.kempenvlugAdmin);
  await expect(page).toHaveURL((u) => u.pathname === '/');

  const landing = new LandingPage(page);
  await expect(landing.myTenants).toBeVisible();
  await expect(landing.myTenant(club.name)).toHaveAttribute('href', `/c/${club.slug}`);
  await expect(landing.header.signOutButton).toBeVisible();
  await expect(landing.header.signInLink).toHaveCount(0);
  await expectHydrated(page);

  await landing.myTenant(club.name).click();
  await expect(page).toHaveURL((u) => u.pathname === `/c/${club.slug}`);

  const home = new ClubPage(page);
  await expect(home.frame).toBeVisible();
  await expect(home.header.brand).toHaveText(club.name);
  await expect(home.header.brand).toHaveAttribute('href', `/c/${club.slug}`);
  for (const id of ['members', 'active', 'minors', 'families'] as StatId[]) {
    await expect(home.statValue(id), `stat-${id}`).toHaveText(/^\d+$/);
  }
  const members = Number(await home.statValue('members').textContent());
  const active = Number(await home.statValue('active').textContent());
  expect(members).toBeGreaterThan(0);
  expect(active).toBeLessThanOrEqual(members);
  await expect(home.stamp).toBeVisible();
  await expect(home.stamp).not.toBeEmpty();
  // The administrator may use the register: the sidebar links to it.
  await expect(home.sidebar.locator(`a[href="/c/${club.slug}/members"]`)).toBeVisible();
});

test('the club page carries the club colours', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const home = new ClubPage(page);
  const res = await home.goto(club.slug);
  expect(res?.status()).toBe(200);
  await expect(home.frame).toBeVisible();
  await expect(home.header.brand).toHaveText(club.name);
  expect(await home.primaryColorFromStyle()).toBe(club.primary);
  if (hasJs()) {
    await expectHydrated(page);
    expect(await home.primaryColorComputed()).toBe(club.primary);
  }
});

test('a member signs in with the password alone', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await expectHydrated(page);
  await login.submitCredentials(ACCOUNTS.kempenvlugMember, DEMO_PASSWORD);
  await expect(page).toHaveURL((u) => u.pathname === '/');
  const landing = new LandingPage(page);
  await expect(landing.myTenant(club.name)).toHaveAttribute('href', `/c/${club.slug}`);
  await expect(landing.header.signOutButton).toBeVisible();
});

test('signing in from a page that needs it comes back to that page', async ({ page }) => {
  // Another administrator, so that this sign-in needs no second TOTP step of the same account.
  const other = CLUBS.confluent;
  await signIn(page, ACCOUNTS.confluentAdmin, `/c/${other.slug}/members`);
  await expect(page).toHaveURL((u) => u.pathname === `/c/${other.slug}/members`);
  await expect(page.getByTestId('member-table')).toBeVisible();
});
