import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';
import { linkIn, waitForMail } from './fixtures/mail';

const club = CLUBS.kempenvlug;

test('an admin adds a member and invites them; the member sets a password and edits their profile', async ({
  browser,
  page,
}) => {
  const stamp = `${test.info().project.name}${Date.now() % 1_000_000}`;
  const email = `nieuw.lid.${stamp}@example.be`;

  // The admin adds the record and sends the invitation from it.
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/members`);
  await page.getByTestId('new-member').click();
  await expectHydrated(page);
  const form = page.getByTestId('member-form');
  await form.locator('input[name=given_name]').fill('Nora');
  await form.locator('input[name=family_name]').fill(`Nieuw ${stamp}`);
  await form.locator('input[name=email]').fill(email);
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page.getByTestId('member-name')).toHaveText(`Nora Nieuw ${stamp}`);
  await submitAndLoad(page, page.getByTestId('invite-member'));
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('invite-member')).toHaveCount(0);

  // The member follows the link, sets a password, and is signed in.
  const link = linkIn(await waitForMail(email));
  expect(link).toMatch(/^\/invite\?token=/);
  const context = await browser.newContext({ javaScriptEnabled: test.info().project.name === 'js' });
  const member = await context.newPage();
  await member.goto(link);
  const setPassword = member.getByTestId('link-password-form');
  await setPassword.locator('input[name=password]').fill('fiets zwembad lantaarn regen');
  await submitAndLoad(member, setPassword.locator('button[type=submit]'));
  await expect(member.locator('header.topbar .who')).toContainText(`Nora Nieuw ${stamp}`);

  // Their own record, which they keep up to date.
  await member.goto(`/c/${club.slug}/me`);
  await expect(member.getByTestId('my-name')).toHaveText(`Nora Nieuw ${stamp}`);
  const me = member.getByTestId('me-form');
  await me.locator('input[name=phone]').fill('0470 12 34 56');
  await me.locator('input[name=city]').fill('Herentals');
  await submitAndLoad(member, me.locator('button[type=submit]'));
  await expect(member.getByTestId('notice')).toBeVisible();
  await context.close();

  // The admin sees the change, stamped as the member's.
  await page.reload();
  await expect(page.locator('dl.fields').first()).toContainText('0470 12 34 56');
  await expect(page.getByTestId('stamp').last()).toContainText(`Nora Nieuw ${stamp}`);
});
