import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { Header, submitAndLoad } from './fixtures/header';
import { linkIn, waitForMail } from './fixtures/mail';

const club = CLUBS.kempenvlug;

/** The invitation link of a mail (the approval mail's other links are the club's). */
function inviteLink(mail: string): string {
  const m = /https?:\/\/[^\s"<>]+\/invite\?token=[^\s"<>]+/.exec(mail);
  if (!m) throw new Error('no invitation link in the mail');
  const url = new URL(m[0]);
  return `${url.pathname}${url.search}`;
}

test('someone registers with the public form, confirms, is approved, sets a password and edits their profile', async ({
  browser,
  page,
}) => {
  const stamp = `${test.info().project.name}${Date.now() % 1_000_000}`;
  const email = `kandidaat.${stamp}@example.be`;
  const js = test.info().project.name === 'js';

  // The public form of the demo club, as anyone sees it (with or without JavaScript).
  const context = await browser.newContext({ javaScriptEnabled: js });
  const visitor = await context.newPage();
  await visitor.goto(`/c/${club.slug}/join/word-lid`);
  const form = visitor.getByTestId('join-form');
  await expect(form).toBeVisible();
  await form.locator('input[name=email]').fill(email);
  await form.locator('input[name="f[p0.given_name]"]').fill('Kato');
  await form.locator('input[name="f[p0.family_name]"]').fill(`Kandidaat ${stamp}`);
  await form.locator('input[name="f[p0.birth_date]"]').fill('2001-05-14');
  await form.locator('input[name="f[p0.city]"]').fill('Lier');
  await form.locator('input[name=consent]').check();
  // The form refuses submissions faster than a person fills it in.
  await visitor.waitForTimeout(3500);
  await submitAndLoad(visitor, form.locator('button[type=submit]'));
  await expect(visitor.getByTestId('join-sent')).toBeVisible();

  // The link in the mail opens a page whose button confirms the address.
  const link = linkIn(await waitForMail(email));
  expect(link).toContain('/confirm?token=');
  await visitor.goto(link);
  await submitAndLoad(visitor, visitor.getByTestId('confirm-form').locator('button[type=submit]'));
  await expect(visitor.getByTestId('join-confirmed')).toBeVisible();

  // The club approves the registration.
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/applications`);
  const card = page.getByTestId('application').filter({ hasText: `Kandidaat ${stamp}` });
  await expect(card).toBeVisible();
  await submitAndLoad(page, card.getByRole('button', { name: 'Goedkeuren' }));
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('application').filter({ hasText: `Kandidaat ${stamp}` })).toHaveCount(0);

  // The new member sets a password from the invitation and keeps their record up to date.
  const invite = inviteLink(await waitForMail(email));
  await visitor.goto(invite);
  const setPassword = visitor.getByTestId('link-password-form');
  await setPassword.locator('input[name=password]').fill('zeilboot regenjas tuinhek lamp');
  await submitAndLoad(visitor, setPassword.locator('button[type=submit]'));
  await expect(visitor.locator('header.topbar .who')).toContainText(`Kandidaat ${stamp}`);
  await visitor.goto(`/c/${club.slug}/me`);
  await expect(visitor.getByTestId('my-name')).toHaveText(`Kato Kandidaat ${stamp}`);
  const me = visitor.getByTestId('me-form');
  await me.locator('input[name=phone]').fill('0470 11 22 33');
  await submitAndLoad(visitor, me.locator('button[type=submit]'));
  await expect(visitor.getByTestId('notice')).toBeVisible();
  await context.close();
});

test('the public form wears the club\'s name, logo place and colours, and speaks the visitor\'s language', async ({
  browser,
}) => {
  const js = test.info().project.name === 'js';
  const context = await browser.newContext({ javaScriptEnabled: js });
  const visitor = await context.newPage();
  await visitor.goto(`/c/${club.slug}/join/word-lid`);
  const header = new Header(visitor);
  // The club's name leads the header, which links back to the form.
  await expect(header.brand).toContainText(club.name);
  await expect(header.brand).toHaveAttribute('href', `/c/${club.slug}/join/word-lid`);
  // In the club's colour: the frame carries it and the header is painted with it.
  const frame = visitor.getByTestId('join-frame');
  const style = (await frame.getAttribute('style')) ?? '';
  expect(/--club-primary\s*:\s*([^;]+)/.exec(style)?.[1].trim()).toBe(club.primary);
  if (js) {
    const hex = club.primary.slice(1);
    const rgb = `rgb(${[0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await header.root.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb);
  }
  // The club's language first; the visitor switches to French and stays on the form.
  await expect(visitor.locator('html')).toHaveAttribute('lang', club.lang);
  const form = visitor.getByTestId('join-form');
  await expect(form.locator('button[type=submit]')).toHaveText('Inschrijving versturen');
  await header.switchLanguage('fr');
  await expect(visitor).toHaveURL((u) => u.pathname === `/c/${club.slug}/join/word-lid`);
  await expect(visitor.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(form.locator('button[type=submit]')).toHaveText("Envoyer l'inscription");
  // The skip link lands on the form's content.
  await expect(visitor.locator('a.skip-link')).toHaveAttribute('href', '#content');
  await expect(visitor.locator('main#content')).toHaveCount(1);
  await context.close();
});
