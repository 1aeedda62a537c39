import { test, expect, expectHydrated, ACCOUNTS, CLUBS, DEMO_PASSWORD } from './fixtures/base';
import { LandingPage } from './fixtures/landing_page';
import { LoginPage } from './fixtures/login_page';
import { useSession } from './fixtures/auth';
import { ClubPage } from './fixtures/club_page';
import { ErrorView } from './fixtures/error_view';

const club = CLUBS.kempenvlug;

test('the language switch changes the language of the page', async ({ page }) => {
  const landing = new LandingPage(page);
  await landing.goto();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(landing.header.langSelect).toHaveValue('en');
  await expectHydrated(page);

  await landing.header.switchLanguage('fr');
  await expect(page).toHaveURL((u) => u.pathname === '/');
  await expect(html).toHaveAttribute('lang', 'fr');
  await expect(landing.header.signInLink).toHaveText('Se connecter');
  await expect(landing.heroSignIn).toHaveText('Se connecter');
  await expect(landing.header.langSelect).toHaveValue('fr');
  await expectHydrated(page);

  await landing.header.switchLanguage('nl');
  await expect(html).toHaveAttribute('lang', 'nl');
  await expect(landing.header.signInLink).toHaveText('Aanmelden');
  await expectHydrated(page);

  await landing.header.switchLanguage('en');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(landing.header.signInLink).toHaveText('Sign in');
  await expect(landing.header.langSelect).toHaveValue('en');
  await expectHydrated(page);
});

test('the chosen language is kept on the next pages', async ({ page }) => {
  const landing = new LandingPage(page);
  await landing.goto();
  await expectHydrated(page);
  await landing.header.switchLanguage('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  const login = new LoginPage(page);
  await login.goto();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(login.submit).toHaveText('Se connecter');
  // Even on a club whose own language is Dutch.
  await login.submitCredentials(ACCOUNTS.kempenvlugMember, DEMO_PASSWORD);
  await expect(page).toHaveURL((u) => u.pathname === '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const home = new ClubPage(page);
  await home.goto(club.slug);
  await expect(home.frame).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(home.header.signOutButton).toHaveText('Se déconnecter');
  await expectHydrated(page);
});

test("an anonymous visitor's club page is in their own language until they choose one", async ({ page, consoleGuard }) => {
  // The club's own language would tell an anonymous visitor that the club exists: they get
  // the browser's language (en-US here), as for a club that does not exist.
  consoleGuard.allowHttpStatus(401);
  const errors = new ErrorView(page);
  const res = await page.goto(`/c/${club.slug}`);
  expect(res?.status()).toBe(401);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(errors.signInLink).toHaveText('Sign in');
  await expectHydrated(page);

  await new ClubPage(page).header.switchLanguage('nl');
  // The switch comes back to the page it was used on.
  await expect(page).toHaveURL((u) => u.pathname === `/c/${club.slug}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(errors.withStatus(401)).toBeVisible();
  await expect(errors.signInLink).toHaveText('Aanmelden');
});

test('a signed-in club page follows the club language, then the switch', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const home = new ClubPage(page);
  await home.goto(club.slug);
  await expect(home.frame).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(home.header.signOutButton).toHaveText('Afmelden');
  await expect(home.sidebar.locator(`a[href="/c/${club.slug}/members"]`)).toHaveText('Leden');
  await expectHydrated(page);

  await home.header.switchLanguage('en');
  await expect(page).toHaveURL((u) => u.pathname === `/c/${club.slug}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(home.header.signOutButton).toHaveText('Sign out');
  await expect(home.sidebar.locator(`a[href="/c/${club.slug}/members"]`)).toHaveText('Members');
  // Names are data, not translated.
  await expect(home.header.brand).toHaveText(club.name);
  await expectHydrated(page);
});
