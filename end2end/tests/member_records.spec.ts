import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';
import { MembersPage } from './fixtures/members_page';

const club = CLUBS.kempenvlug;

test('a member keeps their own contact details up to date', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugMember);
  await page.goto(`/c/${club.slug}`);
  await page.locator(`nav.sidebar a[href="/c/${club.slug}/me"]`).click();
  await expect(page).toHaveURL(new RegExp(`/c/${club.slug}/me$`));
  await expectHydrated(page);
  const form = page.getByTestId('me-form');
  const phone = `0470 ${String(Date.now() % 1_000_000).padStart(6, '0').replace(/(\d\d)(?=\d)/g, '$1 ')}`;
  await form.locator('input[name=phone]').fill(phone);
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('me-form').locator('input[name=phone]')).toHaveValue(phone);
  // The change carries the member's own name as its last change.
  await expect(page.getByTestId('stamp').last()).toContainText('Lid VC Kempenvlug Herentals');
});

test('a refused save of a record keeps what was typed, with the message next to the field', async ({
  page,
  consoleGuard,
}) => {
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const members = new MembersPage(page);
  await members.goto(club.slug);
  await members.nameLink(members.rows.first()).click();
  await page.getByTestId('edit-member').click();
  await expectHydrated(page);
  const form = page.getByTestId('member-form');
  await form.locator('input[name=city]').fill('Herentals <b>centrum</b>');
  await form.locator('input[name=season]').fill('2026-2030');
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page.getByTestId('member-error')).toBeVisible();
  await expect(page.locator('#f-season-error')).toContainText('twee jaartallen');
  await expect(page.getByTestId('member-form').locator('input[name=city]')).toHaveValue('Herentals <b>centrum</b>');
  await expect(page.getByTestId('member-form').locator('input[name=season]')).toHaveValue('2026-2030');
  await expect(page.getByTestId('member-form').locator('input[name=season]')).toHaveAttribute('aria-invalid', 'true');
});
