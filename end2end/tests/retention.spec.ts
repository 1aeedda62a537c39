import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';

const club = CLUBS.kempenvlug;
const path = `/c/${club.slug}/privacy/retention`;

/**
 * Retention (issue 17): an administrator shortens the club's retention policy and sees
 * the dry run change: the members who ended 16 months ago (the demo) are listed as due
 * under 12 months and not under 24. With and without JavaScript (plain form posts).
 */
test('an admin changes the retention policy and sees the dry run', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const res = await page.goto(path);
  expect(res?.status()).toBe(200);
  await expectHydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Retention');
  const form = page.getByTestId('retention-form');
  const months = form.getByLabel('Anonymise ended members after (months after their end date)');

  // A policy of zero, then of 100 years: refused on the field, nothing stored.
  for (const bad of ['0', '1200']) {
    await months.fill(bad);
    await form.getByRole('button', { name: 'Save the policy' }).click();
    await expect(page.locator('#ret-member_months-error')).toContainText('from 1 to 120');
    await expect(page.getByTestId('retention-error')).toBeVisible();
  }

  // Twelve months: saved, and the dry run lists the members who ended 16 months ago.
  await page.goto(path);
  await months.fill('12');
  await form.getByRole('button', { name: 'Save the policy' }).click();
  await expect(page.getByTestId('notice')).toHaveText('The retention policy was saved.');
  await expect(months).toHaveValue('12');
  const items = page.getByTestId('dry-run-items');
  await expect(items).toBeVisible();
  const due = await items.locator('tbody tr').count();
  expect(due).toBeGreaterThan(0);
  await expect(items.locator('tbody tr').first()).toContainText('Ended member');
  const counts = page.getByTestId('dry-run-counts');
  await expect(counts).toContainText('Ended members to anonymise');

  // Back to the default: nothing of the members is due any more.
  await months.fill('24');
  await form.getByRole('button', { name: 'Save the policy' }).click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(months).toHaveValue('24');
  await expect(page.getByTestId('dry-count-EndedMember')).toHaveText('0');
});

test('a member of the club cannot open the retention policy', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const res = await page.goto(path);
  expect(res?.status()).toBe(403);
});
