import { test, expect, expectHydrated, ACCOUNTS } from './fixtures/base';
import { LoginPage } from './fixtures/login_page';

test('a wrong password keeps the visitor on the sign-in page with an error', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await expectHydrated(page);
  await expect(login.error).toHaveCount(0);

  await login.submitCredentials(ACCOUNTS.kempenvlugAdmin, 'not-the-password-2026');
  await expect(page).toHaveURL((u) => u.pathname === '/login');
  await expect(login.error).toBeVisible();
  await expect(login.error).toHaveAttribute('role', 'alert');
  await expect(login.error).not.toBeEmpty();
  await expect(login.email).toHaveValue(ACCOUNTS.kempenvlugAdmin);
  await expect(login.email).toHaveAttribute('aria-describedby', 'login-error');
  await expect(login.password).toHaveValue('');
  // Still anonymous.
  await expect(login.header.signInLink).toBeVisible();
  await expect(login.header.signOutForm).toHaveCount(0);
  await expectHydrated(page);
  const wrongPasswordMessage = (await login.error.textContent())?.trim();

  // An address nobody has gets exactly the same answer.
  const unknown = 'nobody-here@demo.tessera.test';
  await login.submitCredentials(unknown, 'not-the-password-2026');
  await expect(page).toHaveURL((u) => u.pathname === '/login');
  await expect(login.error).toBeVisible();
  await expect(login.error).toHaveAttribute('role', 'alert');
  await expect(login.error).toHaveText(wrongPasswordMessage!);
  await expect(login.email).toHaveValue(unknown);
  await expect(login.header.signInLink).toBeVisible();
});
