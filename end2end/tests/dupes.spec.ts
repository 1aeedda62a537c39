// Duplicate records (issue 19): staff add a person who may already be in the
// register, see the warning with a link to the record, add them anyway only explicitly,
// and merge the two records. With and without JavaScript (the project decides).
import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

const club = CLUBS.kempenvlug;

test('staff adding a duplicate see the warning and merge the two records', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(409);
  consoleGuard.allowHttpStatus(404);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const n = String(Date.now() % 1_000_000);
  // The two projects (with and without JavaScript) run at the same time on one server: each
  // has its own birth date, so neither run's records are the other's duplicates (a merge
  // in one must not take away the record the other is looking at).
  const born = test.info().project.name === 'js' ? '1987-03-04' : '1987-03-05';
  const add = async (family: string) => {
    await page.goto(`/c/${club.slug}/members/new`);
    const form = page.getByTestId('member-form');
    await form.locator('input[name=given_name]').fill('Dupla');
    await form.locator('input[name=family_name]').fill(family);
    await form.locator('input[name=birth_date]').fill(born);
    await submitAndLoad(page, form.locator('button[type=submit]'));
  };
  // The first record: nobody like them yet.
  await add(`Spec${n}`);
  await expect(page).toHaveURL(/\/members\/\d+\?done=created$/);
  const first = page.url().match(/members\/(\d+)/)![1];
  // The same person typed again with one letter off: refused, the record listed.
  await add(`Specc${n}`);
  const list = page.getByTestId('duplicates');
  await expect(list).toBeVisible();
  await expect(list.locator(`a[href="/c/${club.slug}/members/${first}"]`)).toBeVisible();
  // Adding anyway takes the explicit choice.
  const form = page.getByTestId('member-form');
  await form.getByTestId('different').check();
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page).toHaveURL(/\/members\/\d+\?done=created$/);
  // The new record's page offers the merge; the confirmation shows both; merged.
  await page.getByTestId('merge-link').first().click();
  await expect(page.getByTestId('merge-form')).toBeVisible();
  await submitAndLoad(page, page.getByTestId('merge-submit'));
  await expect(page).toHaveURL(/\/members\/\d+\?done=merged$/);
  await expect(page.getByTestId('notice')).toBeVisible();
  // The record that went is gone.
  const gone = await page.goto(`/c/${club.slug}/members/${first}`);
  expect(gone?.status()).toBe(404);
});
