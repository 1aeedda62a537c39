import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// Member documents and the everyday lists (issue 19), with and without JavaScript:
// every form here is a plain POST (the upload a multipart one).
const club = CLUBS.kempenvlug;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

test('the secretary sees birthdays this week and what expires soon', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}`);
  const birthdays = page.getByTestId('birthdays');
  await expect(birthdays).toBeVisible();
  // The demo gives five members a birthday in the week it was seeded.
  expect(await birthdays.getByTestId('birthday').count()).toBeGreaterThan(0);
  await page.goto(`/c/${club.slug}/documents`);
  await expect(page.getByTestId('expiring')).toBeVisible();
  // Five certificates expire within 30 days and two have expired in the demo.
  expect(await page.getByTestId('expiring-row').count()).toBeGreaterThanOrEqual(7);
  await expect(page.getByTestId('expiring').locator('.badge-ended').first()).toBeVisible();
});

test('a member without the documents permission sees no birthdays and no documents', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(403);
  await useSession(page, ACCOUNTS.kempenvlugMember);
  await page.goto(`/c/${club.slug}`);
  await expect(page.getByTestId('club-frame')).toBeVisible();
  await expect(page.getByTestId('birthdays')).toHaveCount(0);
  const r = await page.goto(`/c/${club.slug}/documents`);
  expect(r?.status()).toBe(403);
});

test('staff attach a certificate, download it, and a fake PDF is refused', async ({ page, consoleGuard }) => {
  // The fake PDF is refused with 400, on purpose.
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/members`);
  await submitAndLoad(page, page.getByTestId('member-table').locator('tbody a').first());
  const card = page.getByTestId('member-documents');
  await expect(card).toBeVisible();
  const before = await card.getByTestId('document-row').count();
  const form = page.getByTestId('attach-document');
  await form.locator('select[name=kind]').selectOption({ label: 'Medical certificate' });
  await form.locator('input[name=expires_on]').fill('2031-06-30');
  const name = `attest-${test.info().project.name}.pdf`;
  await form.locator('input[name=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page).toHaveURL(/\?done=document$/);
  await expect(page.getByTestId('member-documents').getByTestId('document-row')).toHaveCount(before + 1);
  const link = page.getByTestId('member-documents').getByRole('link', { name });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);

  // A text file named .pdf: the upload answers 400 with the member's page and the reason.
  const memberUrl = page.url().split('?')[0];
  await page.goto(memberUrl);
  const again = page.getByTestId('attach-document');
  await again.locator('select[name=kind]').selectOption({ label: 'Medical certificate' });
  await again.locator('input[name=expires_on]').fill('2031-06-30');
  await again
    .locator('input[name=file]')
    .setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/documents') && r.request().method() === 'POST'),
    again.locator('button[type=submit]').click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page.locator('body')).toContainText('PDF');
  // It comes back to the member's page: the form again, the reason next to the file.
  await expect(page.getByTestId('attach-document')).toBeVisible();
  await expect(page.getByTestId('member-documents').getByTestId('field-error')).toContainText('PDF');
  await expect(page.getByTestId('member-name')).toBeVisible();

  // Removed again: one row less.
  await page.goto(memberUrl);
  const rows = page.getByTestId('member-documents').getByTestId('document-row');
  const n = await rows.count();
  await submitAndLoad(page, rows.filter({ hasText: name }).first().getByTestId('remove-document'));
  await expect(page.getByTestId('member-documents').getByTestId('document-row')).toHaveCount(n - 1);
});

test('the member card prints without the page around it', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/members`);
  await submitAndLoad(page, page.getByTestId('member-table').locator('tbody a').first());
  await page.getByTestId('member-card-link').click();
  await expect(page.getByTestId('member-card')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-hint')).toBeHidden();
  await expect(page.getByTestId('member-card')).toBeVisible();
});
