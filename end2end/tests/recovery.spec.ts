import { test, expect, expectHydrated, ACCOUNTS, DEMO_PASSWORD } from './fixtures/base';
import { signIn, takeRecoveryCode } from './fixtures/auth';
import { Header } from './fixtures/header';
import { LoginPage, VerifyPage } from './fixtures/login_page';

// The federation's staff account: signed in with the authenticator app, signed out, then
// signed in with a recovery code, which works once.
const email = ACCOUNTS.federation;

test('sign out, sign in with the authenticator code, then with a recovery code that works once', async ({ page }) => {
  await page.context().clearCookies();
  await signIn(page, email);
  await expect(page).toHaveURL((u) => u.pathname === '/');
  const header = new Header(page);
  await header.signOut();
  await expect(header.signOutButton).toHaveCount(0);

  // Password, then a recovery code instead of the app.
  const login = new LoginPage(page);
  await login.goto();
  await expectHydrated(page);
  await login.submitCredentials(email, DEMO_PASSWORD);
  await expect(page).toHaveURL((u) => u.pathname === '/login/verify');
  const verify = new VerifyPage(page);
  const code = takeRecoveryCode(email);
  await verify.submitCode(code);
  await expect(page).toHaveURL((u) => u.pathname === '/');
  await expect(header.signOutButton).toBeVisible();
  const res = await page.goto('/f/bsf');
  expect(res?.status()).toBe(200);
  await header.signOut();

  // The same recovery code a second time: refused.
  await login.goto();
  await login.submitCredentials(email, DEMO_PASSWORD);
  await expect(page).toHaveURL((u) => u.pathname === '/login/verify');
  await verify.submitCode(code);
  await expect(page).toHaveURL((u) => u.pathname === '/login/verify' && u.searchParams.has('error'));
  await expect(verify.error).toBeVisible();
});
