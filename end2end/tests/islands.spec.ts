import { test, expect, expectHydrated, hasJs, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';
import { RolePage, RolesPage } from './fixtures/settings_page';

/**
 * The islands: validation as you type on the member form (the server's own rules, shown
 * before saving) and the role form's live count with "select all in module". Without
 * JavaScript the same forms work as plain forms: the server answers with the same message
 * when the form is posted, and the role is saved with the boxes that were ticked.
 */
const club = CLUBS.kempenvlug;
const SEASON_MESSAGE = 'schrijf het seizoen als twee jaartallen, zoals 2026-2027';

test('the member form checks a field by the server rules as it is left', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/members/new`);
  await expectHydrated(page);
  const form = page.getByTestId('member-form');
  const season = form.locator('input[name=season]');
  await form.locator('input[name=given_name]').fill('Islands');
  await form.locator('input[name=family_name]').fill('Proef');
  await season.fill('2026-2030');
  if (hasJs()) {
    await season.blur();
    // Shown before any save: the page did not change.
    await expect(season).toHaveAttribute('aria-invalid', 'true');
    expect(new URL(page.url()).pathname).toBe(`/c/${club.slug}/members/new`);
    const describedBy = await season.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(SEASON_MESSAGE);
    // Only fields the person has been to get a message: the birth date was not touched.
    await expect(form.locator('input[name=birth_date]')).not.toHaveAttribute('aria-invalid', 'true');
    // Corrected, the message goes away.
    await season.fill('2026-2027');
    await season.blur();
    await expect(season).not.toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByTestId('field-error')).toHaveCount(0);
    // An end date before the join date is a rule across two fields; it shows on the field
    // the server names.
    await form.locator('input[name=joined_on]').fill('2026-03-01');
    await form.locator('input[name=ended_on]').fill('2026-02-01');
    await form.locator('input[name=ended_on]').blur();
    await expect(form.locator('input[name=ended_on]')).toHaveAttribute('aria-invalid', 'true');
  } else {
    // Without JavaScript the same rule answers when the form is posted.
    await submitAndLoad(page, form.locator('button[type=submit]'));
    await expect(season).toHaveAttribute('aria-invalid', 'true');
    const describedBy = await season.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(SEASON_MESSAGE);
  }
});

test("the member form checks the club's own fields by the server rules as they are left", async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/members/new`);
  await expectHydrated(page);
  const form = page.getByTestId('member-form');
  // The demo club's own IBAN field (cf[c{id}]): a number whose check digits are wrong.
  const iban = form.getByLabel('Rekeningnummer');
  await form.locator('input[name=given_name]').fill('Islands');
  await form.locator('input[name=family_name]').fill('Rekening');
  await iban.fill('BE00 5390 0754 7034');
  if (hasJs()) {
    await iban.blur();
    await expect(iban).toHaveAttribute('aria-invalid', 'true');
    expect(new URL(page.url()).pathname).toBe(`/c/${club.slug}/members/new`);
    const described = ((await iban.getAttribute('aria-describedby')) ?? '').split(' ');
    await expect(page.locator(`[id="${described[described.length - 1]}"]`)).toHaveClass(/field-error/);
    await expect(page.locator(`[id="${described[described.length - 1]}"]`)).not.toBeEmpty();
    await iban.fill('BE68 5390 0754 7034');
    await iban.blur();
    await expect(iban).not.toHaveAttribute('aria-invalid', 'true');
  } else {
    // Without JavaScript the same rule answers when the form is posted.
    await submitAndLoad(page, form.locator('button[type=submit]'));
    await expect(form.getByLabel('Rekeningnummer')).toHaveAttribute('aria-invalid', 'true');
  }
});

test('the role form counts the ticked permissions and ticks a whole module', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const roles = new RolesPage(page);
  await roles.goto(club.slug);
  await expectHydrated(page);
  const summary = roles.form.getByTestId('perm-summary');
  const boxes = roles.form.locator('input[name="permissions[]"]');
  const group = roles.form.locator('fieldset.perm-group').first();
  const inGroup = group.locator('input[name="permissions[]"]');
  const groupCount = await inGroup.count();
  expect(groupCount).toBeGreaterThan(1);
  const name = `Islands ${test.info().project.name}`;
  await roles.name.fill(name);
  if (hasJs()) {
    const total = await boxes.count();
    await expect(summary).toBeVisible();
    await expect(summary).toHaveText(`Geselecteerd: 0 van ${total} rechten`);
    await inGroup.first().check();
    await expect(summary).toHaveText(`Geselecteerd: 1 van ${total} rechten`);
    const all = group.getByTestId('perm-all');
    await expect(all).toContainText('Alles aanvinken in');
    await all.click();
    await expect(summary).toHaveText(`Geselecteerd: ${groupCount} van ${total} rechten`);
    await expect(all).toContainText('Alles uitvinken in');
    await all.click();
    await expect(summary).toHaveText(`Geselecteerd: 0 van ${total} rechten`);
    await all.click();
  } else {
    // No summary and no buttons that would do nothing: the boxes are ticked one by one.
    await expect(summary).toBeHidden();
    await expect(roles.form.getByTestId('perm-all')).toHaveCount(0);
    for (let i = 0; i < groupCount; i++) await inGroup.nth(i).check();
  }
  const ticked = await inGroup.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  // Still a plain form that posts its boxes: the new role has exactly the module's rights.
  await submitAndLoad(page, roles.submit);
  const role = new RolePage(page);
  await expect(role.title).toHaveText(name);
  const saved = await page
    .getByTestId('edit-role')
    .locator('input[name="permissions[]"]:checked')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(saved.sort()).toEqual(ticked.sort());
  await role.delete();
  await expect(page).toHaveURL((u) => u.pathname === `/c/${club.slug}/settings/roles`);
});

test('the skip link moves the focus to the content, and a navigation focuses the new heading', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}`);
  await expectHydrated(page);
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL((u) => u.hash === '#content');
  await expect(page.locator('#content')).toBeFocused();
  if (!hasJs()) return;
  // A link within the site: a full page load, then the new page's heading has the focus.
  await page.goto(`/c/${club.slug}`);
  await expectHydrated(page);
  await Promise.all([page.waitForEvent('load'), page.locator(`a[href="/c/${club.slug}/members"]`).first().click()]);
  await expectHydrated(page);
  await expect(page.locator('main h1')).toBeFocused();
});

test('the import report follows the column mapping as it changes', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/members/import`);
  await expectHydrated(page);
  const csv = 'Voornaam;Naam;Gemeente\nIslandia;Proefmans;Lier\nIsla;Voorbeeld;Geel\n';
  await page.getByTestId('import-upload').locator('input[name=file]').setInputFiles({
    name: `islands-${test.info().project.name}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await submitAndLoad(page, page.getByTestId('import-upload').locator('button[type=submit]'));
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible();
  await expectHydrated(page);
  const city = mapping.locator('select[name="map[c2]"]');
  const live = page.getByTestId('import-live');
  if (hasJs()) {
    // Nothing before a change; then the report of the mapping shown, in place.
    await expect(live.getByTestId('import-live-totals')).toHaveCount(0);
    await city.selectOption('ignore');
    await expect(live.getByTestId('import-live-totals')).toContainText('2 rijen');
    await expect(live.getByTestId('import-live-sample').locator('tbody tr')).toHaveCount(2);
    await expect(live.getByTestId('import-live-sample').locator('tbody tr').first()).not.toContainText('Lier');
    await city.selectOption('city');
    await expect(live.getByTestId('import-live-sample').locator('tbody tr').first()).toContainText('Lier');
    expect(new URL(page.url()).searchParams.get('preview')).toBeNull();
  } else {
    // Without JavaScript the form's button shows the same report on the next page.
    await expect(live).toBeEmpty();
    await city.selectOption('city');
    await submitAndLoad(page, mapping.locator('button[type=submit]'));
    await expect(page.getByTestId('import-report')).toContainText('2 rijen');
    await expect(page.getByTestId('import-sample').locator('tbody tr').first()).toContainText('Lier');
  }
});

test('the public registration form checks a field by the server rules as it is left', async ({ browser }) => {
  const js = hasJs();
  const context = await browser.newContext({ javaScriptEnabled: js });
  const visitor = await context.newPage();
  await visitor.goto(`/c/${club.slug}/join/word-lid`);
  await expectHydrated(visitor);
  const form = visitor.getByTestId('join-form');
  const email = form.locator('input[name=email]');
  // An address the browser's own check lets through (no dot in the domain is allowed in
  // HTML), but the server's rules refuse.
  await email.fill('kato@proef');
  await form.locator('input[name="f[p0.given_name]"]').fill('Kato');
  await form.locator('input[name="f[p0.family_name]"]').fill('Proef');
  await form.locator('input[name="f[p0.birth_date]"]').fill('2001-05-14');
  await form.locator('input[name="f[p0.city]"]').fill('Lier');
  const emailMessage = async () => visitor.locator(`[id="${await email.getAttribute('aria-describedby')}"]`);
  if (js) {
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(await emailMessage()).toContainText('geef een geldig e-mailadres');
    // The person has not been to the consent yet: no message there.
    await expect(form.locator('input[name=consent]')).not.toHaveAttribute('aria-invalid', 'true');
    await email.fill('kato.proef@example.be');
    await email.blur();
    await expect(email).not.toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByTestId('field-error')).toHaveCount(0);
    // Nothing was sent: still the form, no confirmation.
    await expect(visitor.getByTestId('join-sent')).toHaveCount(0);
  } else {
    // Without JavaScript the same rule answers when the form is posted.
    await form.locator('input[name=consent]').check();
    await visitor.waitForTimeout(3500);
    await submitAndLoad(visitor, form.locator('button[type=submit]'));
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(await emailMessage()).toContainText('geef een geldig e-mailadres');
  }
  await context.close();
});

test('the form builder adds, orders and removes questions, and the plain save keeps that order', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/forms`);
  await expectHydrated(page);
  const stamp = `${test.info().project.name}-${Date.now().toString(36)}`;
  const title = `Volgorde ${stamp}`;
  const slug = `volgorde-${stamp}`;
  const editor = page.locator('section[aria-labelledby="new-form-title"]').getByTestId('form-editor');
  await editor.locator('input[name=title]').fill(title);
  await editor.locator('input[name=slug]').fill(slug);
  await editor.locator('input[name=published]').check();
  const row = (key: string) => editor.locator(`tr[data-key="${key}"]`);
  const tools = editor.getByTestId('fb-tools');
  let expected: string[];
  if (hasJs()) {
    // A new form asks nothing yet: the table shows no question, the list adds them.
    await expect(tools).toBeVisible();
    await expect(editor.locator('tbody tr:visible')).toHaveCount(0);
    const live = editor.getByTestId('fb-live');
    for (const key of ['birth_date', 'phone', 'city']) {
      await editor.getByTestId('fb-add-select').selectOption(key);
      await editor.getByTestId('fb-add').click();
    }
    await expect(live).toHaveText('Toegevoegd aan het formulier: Gemeente, plaats 3 van 3');
    await expect(editor.locator('tbody tr:visible')).toHaveCount(3);
    await expect(row('birth_date').getByTestId('fb-up')).toBeDisabled();
    // Up with the mouse, then again with the keyboard: the focus stays with the question,
    // on the button that can still move it once it is at the top.
    await row('city').getByTestId('fb-up').click();
    await expect(live).toHaveText('Gemeente: plaats 2 van 3');
    await expect(row('city').getByTestId('fb-up')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(live).toHaveText('Gemeente: plaats 1 van 3');
    await expect(row('city').getByTestId('fb-down')).toBeFocused();
    await expect(row('city').getByTestId('fb-up')).toHaveAccessibleName('Gemeente omhoog verplaatsen');
    // Removed: out of the table, back in the list.
    await row('phone').getByTestId('fb-remove').click();
    await expect(live).toHaveText('Weggelaten uit het formulier: Telefoon');
    await expect(row('phone')).toBeHidden();
    await expect(editor.getByTestId('fb-add-select').locator('option[value=phone]')).toHaveCount(1);
    expected = ['city', 'birth_date'];
  } else {
    // Without JavaScript: the table of boxes as before, no buttons that would do nothing.
    await expect(tools).toBeHidden();
    await expect(editor.getByTestId('fb-up')).toHaveCount(0);
    await editor.locator('input[name="fields[birth_date]"]').check();
    await editor.locator('input[name="fields[city]"]').check();
    expected = ['birth_date', 'city'];
  }
  await submitAndLoad(page, editor.locator('button[type=submit]'));
  await expect(page.getByTestId('notice')).toBeVisible();
  // Loaded again: the saved form asks those questions, in that order.
  await page.reload();
  await expectHydrated(page);
  const card = page.getByTestId('form-card').filter({ has: page.getByRole('heading', { name: title }) });
  const asked = await card
    .locator('tr[data-key]')
    .evaluateAll((rows) =>
      rows
        .filter((r) => (r.querySelector(`input[name="fields[${r.getAttribute('data-key')}]"]`) as HTMLInputElement)?.checked)
        .map((r) => r.getAttribute('data-key')),
    );
  expect(asked).toEqual(expected);
  // The public form asks them in the same order.
  await page.goto(`/c/${club.slug}/join/${slug}`);
  const names = await page
    .getByTestId('join-form')
    .locator('input[name^="f[p0."]')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name));
  expect(names.filter((n) => n !== 'f[p0.given_name]' && n !== 'f[p0.family_name]')).toEqual(
    expected.map((k) => `f[p0.${k}]`),
  );
});
