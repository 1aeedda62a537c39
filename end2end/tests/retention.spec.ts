import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';

const club = CLUBS.kempenvlug;
const path = `/c/${club.slug}/privacy/retention`;

/**
 * Retention (issue 17): an administrator shortens the club's retention policy and sees
 * the dry run change: the members who ended 16 months ago (the demo) are listed as due
 * under 12 months and not under 24. With and without JavaScript (plain form posts).
 */
test('an admin changes the retention policy and sees the dry run', async ({ page, consoleGuard }) => {
  // A refused form comes back with its status (400).
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const res = await page.goto(path);
  expect(res?.status()).toBe(200);
  await expectHydrated(page);
  // The club's language (Dutch) is the page's.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bewaartermijnen');
  const form = page.getByTestId('retention-form');
  const months = form.getByLabel('Gestopte leden anonimiseren na (maanden na hun einddatum)');
  const save = form.getByRole('button', { name: 'Beleid opslaan' });

  // A policy of zero, then of 100 years: refused on the field, nothing stored.
  for (const bad of ['0', '1200']) {
    await months.fill(bad);
    await save.click();
    await expect(page.locator('#ret-member_months-error')).toContainText('van 1 tot 120');
    await expect(page.getByTestId('retention-error')).toBeVisible();
  }

  // Twelve months: saved, and the dry run lists the members who ended 16 months ago.
  await page.goto(path);
  await months.fill('12');
  await save.click();
  await expect(page.getByTestId('notice')).toHaveText('Het bewaarbeleid is opgeslagen.');
  await expect(months).toHaveValue('12');
  const items = page.getByTestId('dry-run-items');
  await expect(items).toBeVisible();
  const due = await items.locator('tbody tr').count();
  expect(due).toBeGreaterThan(0);
  await expect(items.locator('tbody tr').first()).toContainText('Gestopt lid');
  const counts = page.getByTestId('dry-run-counts');
  await expect(counts).toContainText('Gestopte leden te anonimiseren');

  // Back to the default: nothing of the members is due any more.
  await months.fill('24');
  await save.click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(months).toHaveValue('24');
  await expect(page.getByTestId('dry-count-EndedMember')).toHaveText('0');
});

test('a member of the club cannot open the retention policy', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(403);
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const res = await page.goto(path);
  expect(res?.status()).toBe(403);
});
