import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { ErrorView } from './fixtures/error_view';

for (const path of ['/no-such-page', '/c/no-such-club', '/c/no-such-club/members']) {
  test(`${path} is not found`, async ({ page, consoleGuard }) => {
    consoleGuard.allowHttpStatus(404);
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    const errors = new ErrorView(page);
    await expect(errors.withStatus(404)).toBeVisible();
    await expect(errors.homeLink).toBeVisible();
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
