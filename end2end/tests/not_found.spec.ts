import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { ErrorView } from './fixtures/error_view';

test('/no-such-page is not found', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(404);
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  const errors = new ErrorView(page);
  await expect(errors.withStatus(404)).toBeVisible();
  await expect(errors.homeLink).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', /^(en|nl|fr)$/);
  await expectHydrated(page);
});

// An anonymous visitor learns nothing about which clubs exist: an unknown club's pages ask
// them to sign in, exactly as an existing club's do.
for (const path of ['/c/no-such-club', '/c/no-such-club/members', `/c/${CLUBS.kempenvlug.slug}/members`]) {
  test(`${path} asks an anonymous visitor to sign in`, async ({ page, consoleGuard }) => {
    consoleGuard.allowHttpStatus(401);
    const res = await page.goto(path);
    expect(res?.status()).toBe(401);
    const errors = new ErrorView(page);
    await expect(errors.withStatus(401)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', /^(en|nl|fr)$/);
    await expectHydrated(page);
  });
}

test('unknown club and member addresses are not found for a signed-in administrator', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(404);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const errors = new ErrorView(page);
  const club = CLUBS.kempenvlug.slug;
  for (const path of ['/c/no-such-club', `/c/${club}/members/999999999`, `/c/${club}/members/not-an-id`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(errors.withStatus(404), path).toBeVisible();
    await expectHydrated(page);
  }
});
