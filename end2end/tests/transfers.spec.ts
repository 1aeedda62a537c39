import { test, expect, ACCOUNTS, CLUBS, FEDERATION } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';
import type { Browser, Page } from '@playwright/test';

// Transfers (issue 18, item 5; xfer18), with and without JavaScript (every form is a plain
// POST): a club asks for a licensed person of another club (licence number and birth
// date), the person agrees on My details, the old club releases, the federation approves,
// and the person is in the new club's register. The projects share one server: each moves
// another demo member account to Kempenvlug (js: Aquatica's; no-js: Confluent's, after the
// terms spec used it), none that the other specs sign in with before.

const MONTHS: Record<string, number> = {};
[
  ['january', 'januari', 'janvier'],
  ['february', 'februari', 'février'],
  ['march', 'maart', 'mars'],
  ['april', 'april', 'avril'],
  ['may', 'mei', 'mai'],
  ['june', 'juni', 'juin'],
  ['july', 'juli', 'juillet'],
  ['august', 'augustus', 'août'],
  ['september', 'september', 'septembre'],
  ['october', 'oktober', 'octobre'],
  ['november', 'november', 'novembre'],
  ['december', 'december', 'décembre'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

/** A long date as My details writes it (`17 mei 1990`, `May 17, 1990`, `17 mai 1990`) as ISO. */
function isoDate(text: string): string {
  const words = text.toLowerCase().replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  const year = words.find((w) => /^\d{4}$/.test(w));
  const day = words.find((w) => /^\d{1,2}(er)?$/.test(w));
  const month = words.map((w) => MONTHS[w]).find((m) => m !== undefined);
  if (!year || !day || !month) throw new Error(`not a date: ${text}`);
  return `${year}-${String(month).padStart(2, '0')}-${String(parseInt(day, 10)).padStart(2, '0')}`;
}

async function pageAs(browser: Browser, account: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await useSession(page, account);
  return page;
}

test('a club asks, the person agrees, the old club releases, the federation approves', async ({ browser }) => {
  const js = test.info().project.name === 'js';
  const from = js ? CLUBS.aquatica : CLUBS.confluent;
  const to = CLUBS.kempenvlug;
  const personAccount = js ? 'member.aquatica@demo.tessera.test' : 'member.confluent@demo.tessera.test';
  const fromAdmin = js ? ACCOUNTS.aquaticaAdmin : ACCOUNTS.confluentAdmin;
  const toAdmin = ACCOUNTS.kempenvlugAdmin;

  // The person's licence number and birth date, as they would tell the new club.
  const person = await pageAs(browser, personAccount);
  await person.goto(`/c/${from.slug}/me`);
  const name = (await person.getByTestId('my-name').innerText()).trim();
  const number = (await person.getByTestId('my-licence').first().locator('td').first().innerText()).trim();
  const born = await person.locator('dl.fields dd').nth(1).innerText();
  const birthDate = isoDate(born);

  // The new club asks.
  const newClub = await pageAs(browser, toAdmin);
  await newClub.goto(`/c/${to.slug}`);
  await submitAndLoad(newClub, newClub.locator(`nav.sidebar a[href="/c/${to.slug}/transfers"]`));
  const ask = newClub.getByTestId('transfer-ask');
  await ask.locator('input[name=licence_number]').fill(number);
  await ask.locator('input[name=birth_date]').fill(birthDate);
  await submitAndLoad(newClub, ask.locator('button[type=submit]'));
  await expect(newClub.getByTestId('notice')).toBeVisible();
  const asked = newClub.getByTestId('transfer').filter({ hasText: number });
  await expect(asked).toBeVisible();

  // The person agrees on My details.
  await person.goto(`/c/${from.slug}/me`);
  const consent = person.getByTestId('transfer-consent');
  await submitAndLoad(person, consent.locator('button[value=yes]'));
  await expect(person.locator('[aria-labelledby=my-transfers-title]').getByTestId('notice')).toBeVisible();

  // The old club releases.
  const oldClub = await pageAs(browser, fromAdmin);
  await oldClub.goto(`/c/${from.slug}/transfers`);
  const mine = oldClub.getByTestId('transfer').filter({ hasText: number });
  await submitAndLoad(oldClub, mine.getByTestId('transfer-answer').locator('button[value=release]'));
  await expect(oldClub.getByTestId('notice')).toBeVisible();

  // The federation sees it released and approves; the history shows every step.
  const fed = await pageAs(browser, ACCOUNTS.federation);
  await fed.goto(`/f/${FEDERATION.slug}`);
  await submitAndLoad(fed, fed.locator(`a[href="/f/${FEDERATION.slug}/transfers"]`).first());
  await expect(fed.getByTestId('transfer-windows')).toBeVisible();
  const row = fed.getByTestId('transfer').filter({ hasText: number });
  await submitAndLoad(fed, row.getByTestId('transfer-decide').locator('button[value=approve]'));
  await expect(fed.getByTestId('notice')).toBeVisible();
  const done = fed.getByTestId('transfer').filter({ hasText: number });
  await expect(done.getByTestId('transfer-step')).toHaveCount(4);
  if (js) await fed.screenshot({ path: test.info().outputPath('federation-transfers.png'), fullPage: true });

  // The person is in the new club's register.
  await newClub.goto(`/c/${to.slug}/members?q=${encodeURIComponent(name.split(' ').slice(-1)[0])}`);
  await expect(newClub.locator('main')).toContainText(name.split(' ')[0]);
  await newClub.goto(`/c/${to.slug}/transfers`);
  if (js) await newClub.screenshot({ path: test.info().outputPath('club-transfers.png'), fullPage: true });
});
