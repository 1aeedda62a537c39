import { test, expect, expectHydrated, CLUBS } from './fixtures/base';
import { LandingPage } from './fixtures/landing_page';

test.describe('landing page, anonymous', () => {
  test('shows the club directory and a way to sign in', async ({ page }) => {
    const landing = new LandingPage(page);
    const res = await landing.goto();
    expect(res?.status()).toBe(200);

    await expect(page.locator('html')).toHaveAttribute('lang', /^(en|nl|fr)$/);
    // No language cookie, no club in the path, Accept-Language en-US: English.
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await expect(landing.directory).toBeVisible();
    await expect(landing.directory.getByRole('listitem')).toHaveCount(3);
    for (const club of [CLUBS.kempenvlug, CLUBS.confluent, CLUBS.aquatica]) {
      await expect(landing.directoryEntry(club.name)).toHaveAttribute('href', `/c/${club.slug}`);
    }

    await expect(landing.header.signInLink).toHaveText('Sign in');
    await expect(landing.heroSignIn).toHaveText('Sign in');
    await expect(landing.myTenants).toHaveCount(0);
    await expect(landing.header.signOutForm).toHaveCount(0);
    await expectHydrated(page);
  });

  test('the sign-in link leads to the sign-in form', async ({ page }) => {
    const landing = new LandingPage(page);
    await landing.goto();
    await expectHydrated(page);
    await landing.heroSignIn.click();
    await expect(page).toHaveURL((u) => u.pathname === '/login');
    await expect(page.getByTestId('login-form')).toBeVisible();
  });

  test('hydrates without console errors', async ({ page, consoleGuard }, testInfo) => {
    test.skip(testInfo.project.name !== 'js', 'hydration and the console need JavaScript');
    const landing = new LandingPage(page);
    await landing.goto();
    await expectHydrated(page);
    await expect(landing.directory).toBeVisible();
    expect(consoleGuard.problems).toEqual([]);
  });
});
