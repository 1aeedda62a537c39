import { readFileSync } from 'node:fs';
import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';
import { linkIn, waitForMail } from './fixtures/mail';

const club = CLUBS.kempenvlug;

/**
 * A member's rights (issue 17), with and without JavaScript: a new member downloads their
 * data (a zip with the JSON document) and asks for erasure; the admin extends the request
 * with a reason, then completes it, and the member's account is gone. A member made for the
 * test, so the demo accounts other specs use stay as they are.
 */
test('a member downloads their data and asks for erasure; an admin extends, then completes it', async ({
  browser,
  page,
}) => {
  const stamp = `${test.info().project.name}${Date.now() % 1_000_000}`;
  const email = `privacy.${stamp}@example.be`;
  const name = `Pia Privacy ${stamp}`;

  // The admin adds the record and invites the person.
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/members/new`);
  await expectHydrated(page);
  const form = page.getByTestId('member-form');
  await form.locator('input[name=given_name]').fill('Pia');
  await form.locator('input[name=family_name]').fill(`Privacy ${stamp}`);
  await form.locator('input[name=email]').fill(email);
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page.getByTestId('member-name')).toHaveText(name);
  await submitAndLoad(page, page.getByTestId('invite-member'));
  const link = linkIn(await waitForMail(email));

  const context = await browser.newContext({ javaScriptEnabled: test.info().project.name === 'js' });
  const member = await context.newPage();
  await member.goto(link);
  const setPassword = member.getByTestId('link-password-form');
  await setPassword.locator('input[name=password]').fill('fiets zwembad lantaarn regen');
  await submitAndLoad(member, setPassword.locator('button[type=submit]'));

  // My data, reached from their record.
  await member.goto(`/c/${club.slug}/me`);
  await member.getByTestId('my-data-link').click();
  await expect(member).toHaveURL(new RegExp(`/c/${club.slug}/me/privacy$`));
  await expect(member.getByTestId('privacy-subject')).toContainText(name);

  // One click: a zip with my-data.json in it.
  const [download] = await Promise.all([member.waitForEvent('download'), member.getByTestId('download').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${club.slug}-my-data-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.includes(Buffer.from('my-data.json'))).toBe(true);

  // Consent per purpose on the same page: given, then withdrawn (as easy as giving), each
  // a plain form that comes back to My data.
  await member.goto(`/c/${club.slug}/me/privacy`);
  await expectHydrated(member);
  const purpose = () => member.getByTestId('consents').first().getByTestId('consent-purpose').first();
  for (const answer of ['consent-give', 'consent-withdraw']) {
    await submitAndLoad(member, purpose().getByTestId(answer));
    await expect(member).toHaveURL(new RegExp(`/c/${club.slug}/me/privacy\\?done=consent$`));
    await expect(member.getByTestId('notice')).toBeVisible();
  }
  await expect(
    member.getByTestId('consents').first().getByTestId('consent-history').locator('tbody tr'),
  ).toHaveCount(2);

  // The erasure request: received, with its deadline, shown on the page.
  await member.goto(`/c/${club.slug}/me/privacy`);
  await expectHydrated(member);
  const ask = member.getByTestId('ask-form');
  await ask.locator('select[name=kind]').selectOption('erasure');
  await submitAndLoad(member, ask.locator('button[type=submit]'));
  await expect(member.getByTestId('notice')).toBeVisible();
  await expect(member.getByTestId('my-requests').locator('li')).toHaveCount(1);
  await waitForMail(email);

  // The admin: the queue, an extension with its reason, then the completion.
  await page.goto(`/c/${club.slug}/privacy/requests`);
  await expectHydrated(page);
  const request = page.getByTestId('request').filter({ hasText: name });
  await expect(request).toHaveAttribute('data-kind', 'erasure');
  const due = (await request.getByTestId('due').textContent())?.trim();
  await request.getByTestId('extend-open').click();
  const extend = request.getByTestId('extend-form');
  await extend.locator('select[name=months]').selectOption('2');
  await extend.locator('textarea[name=reason]').fill('We check the <b>archive</b> first');
  await submitAndLoad(page, extend.locator('button[type=submit]'));
  await expect(page.getByTestId('notice')).toBeVisible();
  const extended = page.getByTestId('request').filter({ hasText: name });
  await expect(extended).toContainText('We check the <b>archive</b> first');
  expect((await extended.getByTestId('due').textContent())?.trim()).not.toBe(due);
  await expect(extended.getByTestId('extend-form')).toHaveCount(0);
  await submitAndLoad(page, extended.getByTestId('complete'));
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('request').filter({ hasText: name })).toHaveCount(0);
  await expect(page.getByTestId('closed-requests')).toContainText(/Gewiste persoon|Erased person|Personne effacée/);

  // The account is gone with the data: the member's session reaches nothing any more.
  const after = await member.goto(`/c/${club.slug}/me/privacy`);
  expect(after?.status()).not.toBe(200);
  await context.close();
});
