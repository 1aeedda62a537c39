import { test, expect, expectHydrated, ACCOUNTS, CLUBS, DEMO_PASSWORD } from './fixtures/base';
import { completeSecondFactor, knownSecret, wrongCode } from './fixtures/auth';
import { LandingPage } from './fixtures/landing_page';
import { LoginPage, TwoFactorSetupPage, VerifyPage } from './fixtures/login_page';

// An account no other spec signs in with, so its second factor is this spec's alone.
const email = ACCOUNTS.aquaticaAdmin;
const club = CLUBS.aquatica;

test('staff need a second factor, and a wrong code is refused', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await expectHydrated(page);
  await login.submitCredentials(email, DEMO_PASSWORD);

  // The first sign-in of the account sets up the authenticator app; every later one asks
  // for a code. Either way the password alone signs nobody in.
  await expect(page).toHaveURL((u) => ['/login/verify', '/account/two-factor'].includes(u.pathname));
  const enrolling = new URL(page.url()).pathname === '/account/two-factor';
  expect(await (await page.request.get('/')).text(), 'not signed in with the password alone').not.toContain(
    'action="/logout"',
  );
  await expectHydrated(page);

  if (enrolling) {
    const setup = new TwoFactorSetupPage(page);
    await expect(setup.key).toBeVisible();
    await setup.submitCode(wrongCode((await setup.secret()) ?? undefined));
    await expect(page).toHaveURL((u) => u.pathname === '/account/two-factor' && u.searchParams.has('error'));
    await expect(setup.error).toBeVisible();
    await expect(setup.error).toHaveAttribute('role', 'alert');
  } else {
    const verify = new VerifyPage(page);
    await expect(verify.form).toBeVisible();
    await expect(verify.error).toHaveCount(0);
    await verify.submitCode(wrongCode(knownSecret(email)));
    await expect(page).toHaveURL((u) => u.pathname === '/login/verify' && u.searchParams.has('error'));
    await expect(verify.error).toBeVisible();
    await expect(verify.error).toHaveAttribute('role', 'alert');
    await expect(verify.code).toHaveAttribute('aria-describedby', 'code-error');
  }
  await expectHydrated(page);

  // The right code signs in.
  await completeSecondFactor(page, email);
  await expect(page).toHaveURL((u) => u.pathname === '/');
  const landing = new LandingPage(page);
  await expect(landing.myTenant(club.name)).toHaveAttribute('href', `/c/${club.slug}`);
  await expect(landing.header.signOutButton).toBeVisible();
});
