import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { signIn } from './fixtures/auth';
import { LandingPage } from './fixtures/landing_page';
import { ClubPage } from './fixtures/club_page';
import { ErrorView } from './fixtures/error_view';

const club = CLUBS.kempenvlug;

test('signing out ends the session', async ({ page, consoleGuard }) => {
  // A session of its own (signing out ends it), of an account without a second factor.
  await signIn(page, ACCOUNTS.kempenvlugMember);
  const home = new ClubPage(page);
  expect((await home.goto(club.slug))?.status()).toBe(200);
  await expect(home.frame).toBeVisible();
  await expect(home.header.signOutForm).toHaveAttribute('method', 'post');
  await expectHydrated(page);

  await home.header.signOut();
  await expect(page).toHaveURL((u) => u.pathname === '/');
  const landing = new LandingPage(page);
  await expect(landing.directory).toBeVisible();
  await expect(landing.header.signInLink).toBeVisible();
  await expect(landing.header.signOutForm).toHaveCount(0);
  await expect(landing.myTenants).toHaveCount(0);
  await expectHydrated(page);

  consoleGuard.allowHttpStatus(401);
  const res = await page.goto(`/c/${club.slug}`);
  expect(res?.status()).toBe(401);
  await expect(new ErrorView(page).withStatus(401)).toBeVisible();
  await expect(home.frame).toHaveCount(0);
});
