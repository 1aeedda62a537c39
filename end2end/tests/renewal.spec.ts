import { readFileSync } from 'node:fs';
import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';

// Health-insurer certificates and season renewal (issue 20), with and without JavaScript:
// the download is a plain form post, the renewal page plain HTML.
const club = CLUBS.kempenvlug;

test('a parent downloads the health-insurer certificate of a paid season', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugMember);
  await page.goto(`/c/${club.slug}/me`);
  // The demo paid last season for the demo member and their first child.
  const list = page.getByTestId('certificates');
  await expect(list).toBeVisible();
  expect(await list.getByTestId('certificate').count()).toBeGreaterThanOrEqual(2);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    list.getByTestId('certificate-download').last().click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${club.slug}-certificate-\\d+-\\d+\\.pdf$`));
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('the secretary sees who renewed, who did not answer and who left', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/fees/renewal`);
  await expect(page.getByTestId('renewal').first()).toBeVisible();
  await expect(page.locator('[data-testid="renewal-row"][data-state="renewed"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="renewal-row"][data-state="pending"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="renewal-row"][data-state="declined"]').first()).toBeVisible();
  await expect(page.getByTestId('renewal-open')).toBeVisible();
});
