import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// the secretary mails a team of the club, with and without JavaScript: every form is a
// plain POST, the preview a plain GET.
const club = CLUBS.kempenvlug;

test('the secretary writes a service message, previews it for a recipient and sends it', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/mailings`);
  const form = page.getByTestId('mailing-form');
  await form.getByTestId('mailing-kind-service').check();
  // A team: the first group of the club (the demo club has its teams).
  const groups = form.getByTestId('mailing-group').locator('option');
  expect(await groups.count()).toBeGreaterThan(1);
  await form.getByTestId('mailing-audience-group').check();
  await form.getByTestId('mailing-group').selectOption({ index: 1 });
  const subject = `Training afgelast ${test.info().project.name} ${Date.now()}`;
  await form.locator('input[name=subject_nl]').fill(subject);
  await form.locator('textarea[name=body_nl]').fill('Dag {first_name}, de training van vanavond gaat niet door. {club_name}');
  await form.locator('input[name=subject_en]').fill(`Training cancelled ${Date.now()}`);
  await form.locator('textarea[name=body_en]').fill('Hello {first_name}, no training tonight. {club_name}');
  await submitAndLoad(page, form.getByTestId('mailing-save'));
  await expect(page).toHaveURL(new RegExp(`/c/${club.slug}/mailings/\\d+$`));
  await expect(page.getByTestId('mailing-send')).toBeVisible();

  // The preview: placeholders filled for the chosen recipient.
  const preview = page.getByTestId('mailing-preview');
  await expect(preview.getByTestId('preview-body')).toContainText(club.name);
  await expect(preview.getByTestId('preview-body')).not.toContainText('{first_name}');
  const options = preview.locator('select[name=to] option');
  if ((await options.count()) > 1) {
    const second = await options.nth(1).getAttribute('value');
    await preview.locator('select[name=to]').selectOption(second!);
    await submitAndLoad(page, preview.getByRole('button'));
    await expect(page).toHaveURL(new RegExp(`to=${encodeURIComponent(second!)}`));
  }

  // Sending queues the mails; the page shows the figures and, while sending, a refresh link.
  await submitAndLoad(page, page.getByTestId('mailing-send'));
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('mailing-figures')).toBeVisible();
  expect(Number(await page.getByTestId('fig-recipients').textContent())).toBeGreaterThan(0);

  // The list keeps it with its figures.
  await page.goto(`/c/${club.slug}/mailings`);
  await expect(page.getByTestId('mailing-row').filter({ hasText: subject })).toHaveCount(1);
});

test('an unknown placeholder is refused with its name and the text kept', async ({ page, consoleGuard }) => {
  // The refused form comes back as a 400 page (its status is the error's).
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/mailings`);
  const form = page.getByTestId('mailing-form');
  await form.getByTestId('mailing-kind-service').check();
  await form.getByTestId('mailing-audience-selection').check();
  await form.locator('input[name=selection]').fill('status=active');
  await form.locator('input[name=subject_nl]').fill('Hallo {voornaam}');
  await form.locator('textarea[name=body_nl]').fill('Tekst');
  await submitAndLoad(page, form.getByTestId('mailing-save'));
  await expect(page.getByTestId('mailing-error')).toBeVisible();
  await expect(page.getByTestId('field-error').first()).toContainText('{voornaam}');
  await expect(page.getByTestId('mailing-form').locator('input[name=subject_nl]')).toHaveValue('Hallo {voornaam}');
});

test("the secretary mails the register's search, counted before sending", async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  // A search the demo answers whatever its size: the first word of the first active name.
  await page.goto(`/c/${club.slug}/members?status=active`);
  const first = page.getByTestId('member-table').locator('tbody tr').first().locator('a').first();
  const q = (await first.innerText()).trim().split(/[\s,]+/)[0].toLowerCase();
  await page.goto(`/c/${club.slug}/members?q=${encodeURIComponent(q)}&status=active`);
  const shown = await page.getByTestId('member-table').locator('tbody tr').count();
  expect(shown).toBeGreaterThan(0);
  await submitAndLoad(page, page.getByTestId('mail-selection'));
  const form = page.getByTestId('mailing-form');
  await expect(form.locator('input[name=selection]')).toHaveValue(new RegExp(`q=${encodeURIComponent(q)}`));
  await expect(form.getByTestId('mailing-audience-selection')).toBeChecked();
  await form.getByTestId('mailing-kind-service').check();
  await form.locator('input[name=subject_nl]').fill(`Selectie ${test.info().project.name} ${Date.now()}`);
  await form.locator('textarea[name=body_nl]').fill('Dag {first_name}');
  await submitAndLoad(page, form.getByTestId('mailing-save'));
  await expect(page).toHaveURL(new RegExp(`/c/${club.slug}/mailings/\\d+$`));
  // The draft says how many mails it would send: at least one per address shown.
  const count = page.getByTestId('mailing-draft-count');
  await expect(count).toBeVisible();
  expect(Number((await count.textContent())!.match(/\d+/)![0])).toBeGreaterThan(0);
});
