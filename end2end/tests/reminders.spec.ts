import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// Payment reminders (issue 20), with and without JavaScript: the treasurer sets the
// reminder schedule on the fees page, sees the overdue invoices with the reminders sent,
// and sends a reminder now. Every form is a plain POST (the filter a GET).
const club = CLUBS.kempenvlug;

test('the treasurer sets a schedule, sees the overdue list and reminds now', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/fees`);
  const form = page.getByTestId('reminder-form');
  await expect(form).toBeVisible();
  await form.locator('#rem-days-1').fill('10');
  await form.locator('#rem-days-2').fill('40');
  await form.locator('#rem-days-3').fill('');
  await form.locator('#rem-text-1-nl').fill('Beste {first_name}, er staat nog {amount} open op {invoice_number}.');
  await form.locator('#rem-text-1-en').fill('Dear {first_name}, {amount} is still open on {invoice_number}.');
  await form.locator('#rem-text-1-fr').fill('Bonjour {first_name}, il reste {amount} sur {invoice_number}.');
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page).toHaveURL(/done=reminders/);
  await expect(page.getByTestId('reminder-settings').getByTestId('notice')).toBeVisible();
  await expect(page.locator('#rem-days-1')).toHaveValue('10');
  await expect(page.locator('#rem-days-2')).toHaveValue('40');

  // The overdue list: the demo's unpaid invoices of last season, some reminded already.
  await page.getByTestId('overdue-link').click();
  await expect(page).toHaveURL(/\/fees\/overdue/);
  const cards = page.getByTestId('overdue-list').getByTestId('overdue-invoice');
  await expect(cards.first()).toBeVisible();
  await expect(page.getByTestId('overdue-reminder').first()).toBeVisible();
  const first = cards.first();
  const id = await first.getAttribute('data-invoice');
  const before = await first.getByTestId('overdue-reminder').count();
  await submitAndLoad(page, first.getByTestId('send-reminder-now'));
  await expect(page).toHaveURL(/done=reminded/);
  await expect(page.getByTestId('notice')).toBeVisible();
  const again = page.locator(`[data-invoice="${id}"]`);
  await expect(again.getByTestId('overdue-reminder')).toHaveCount(before + 1);
});

test('a bad placeholder is refused with its name and the text kept', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/fees`);
  const form = page.getByTestId('reminder-form');
  await form.locator('#rem-days-1').fill('12');
  await form.locator('#rem-text-1-nl').fill('Dag {voornaam} <b>hier</b>');
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page.getByTestId('reminder-settings').getByTestId('field-error').first()).toContainText('{voornaam}');
  await expect(page.locator('#rem-text-1-nl')).toHaveValue('Dag {voornaam} <b>hier</b>');
});

test('a member without fees.manage is refused the overdue list', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(403);
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const r = await page.goto(`/c/${club.slug}/fees/overdue`);
  expect(r?.status()).toBe(403);
});
