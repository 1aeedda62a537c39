import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// Invoices (issue 20, pay20), with and without JavaScript: the treasurer opens a season,
// sets its fee, counts the register's selection and issues its invoices, sends the member's;
// the member finds it from their own page, with the QR code to pay, and downloads the PDF.
// Every form is a plain POST (the count a plain GET), so both projects take the same path.
const club = CLUBS.kempenvlug;
const base = `/c/${club.slug}`;

test('the treasurer invoices the register\'s filter and the member pays by QR code', async ({ page }) => {
  const project = test.info().project.name;
  // The member's name, as their own page shows it: the filter below searches for it.
  await useSession(page, ACCOUNTS.kempenvlugMember);
  await page.goto(`${base}/me`);
  const name = (await page.getByTestId('my-name').innerText()).trim();
  const family = name.split(/\s+/).pop()!;

  // A season of this project's own (the two projects share the demo) with a fee.
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`${base}/fees`);
  const seasonName = `E2E ${project} ${Date.now()}`;
  const [from, to] = project === 'js' ? ['2091-07-01', '2092-06-30'] : ['2093-07-01', '2094-06-30'];
  const newSeason = page.locator('details').filter({ has: page.getByTestId('season-form') }).last();
  if (!(await newSeason.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await newSeason.locator('summary').click();
  }
  const seasonForm = newSeason.getByTestId('season-form');
  await seasonForm.locator('input[name=name]').fill(seasonName);
  await seasonForm.locator('input[name=starts_on]').fill(from);
  await seasonForm.locator('input[name=ends_on]').fill(to);
  await submitAndLoad(page, seasonForm.locator('button[type=submit]'));
  await expect(page).toHaveURL(/done=season/);
  const card = page.getByTestId('season').filter({ has: page.locator('h3', { hasText: seasonName }) });
  await expect(card).toBeVisible();
  const feeForm = card.getByTestId('fee-form');
  await feeForm.locator('input[name=name]').fill(`Lidgeld ${project}`);
  await feeForm.locator('input[name=amount]').fill('95,50');
  await submitAndLoad(page, feeForm.locator('button[type=submit]'));
  const withFee = page.getByTestId('season').filter({ has: page.locator('h3', { hasText: seasonName }) });
  await expect(withFee.getByTestId('season-fee')).toContainText('95,50');

  // The season's invoices: the register's filter, counted before anything is issued.
  await withFee.getByTestId('season-invoices').click();
  await expect(page.getByTestId('generate-filter')).toBeVisible();
  const filters = page.getByTestId('generate-filter').getByTestId('member-filters');
  await filters.locator('input[name=q]').fill(family);
  await submitAndLoad(page, filters.locator('button[type=submit]'));
  await expect(page).toHaveURL(/preview=1/);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(family)}`));
  const count = page.getByTestId('filter-count');
  await expect(count).toContainText(/\d+/);
  expect(await page.getByTestId('invoice-row').count()).toBe(0);
  await page.screenshot({ path: test.info().outputPath('season-filter-preview.png'), fullPage: true });
  await submitAndLoad(page, page.getByTestId('generate-filtered').locator('button[type=submit]'));
  await expect(page).toHaveURL(/done=issued/);
  const row = page.getByTestId('invoice-row').filter({ hasText: name }).first();
  await expect(row).toBeVisible();
  const number = ((await row.locator('td').first().innerText()).match(/\d{4}-\d+/) ?? [''])[0];
  expect(number).not.toBe('');
  // Counted again: everyone of the selection has it now; nothing more to issue.
  await page.goto(`${page.url().split('?')[0]}?q=${encodeURIComponent(family)}&preview=1`);
  await expect(page.getByTestId('generate-filtered')).toHaveCount(0);
  // Sent: the member may see it now.
  await submitAndLoad(page, page.getByTestId('invoice-row').filter({ hasText: number }).getByTestId('send-invoice'));
  await expect(page.getByTestId('invoice-row').filter({ hasText: number }).getByTestId('send-invoice')).toHaveCount(0);

  // The member: from their own page to their invoices, the QR code, the PDF.
  await useSession(page, ACCOUNTS.kempenvlugMember);
  await page.goto(`${base}/me`);
  await page.getByTestId('my-invoices-link').click();
  await expect(page).toHaveURL(new RegExp(`${base}/me/invoices$`));
  const invoice = page.getByTestId('my-invoice').filter({ has: page.locator('h2', { hasText: number }) });
  await expect(invoice).toBeVisible();
  // The fee once per member the payer pays for (the member's family shares the name).
  const amount = ((await invoice.innerText()).match(/€\s?([\d.]+,\d{2})/) ?? ['', ''])[1];
  const cents = Math.round(parseFloat(amount.replace(/\./g, '').replace(',', '.')) * 100);
  expect(cents).toBeGreaterThan(0);
  expect(cents % 9550).toBe(0);
  await expect(invoice.getByTestId('invoice-qr').locator('svg')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('my-invoices.png'), fullPage: true });
  const href = await invoice.locator('a[href$="/pdf"]').getAttribute('href');
  expect(href).toBeTruthy();
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('the staff follow a member\'s payments card to all their invoices', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  // The demo invoices the member accounts' families: the member page of one with invoices.
  await page.goto(`${base}/members?unpaid=1`);
  const hrefs = await page.locator(`a[href^="${base}/members/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => new RegExp(`^${base}/members/\\d+$`).test(h));
  expect(href, 'a member with an unpaid invoice').toBeTruthy();
  await page.goto(href!);
  const card = page.getByTestId('member-payments');
  await expect(card).toBeVisible();
  await card.getByTestId('member-invoices-link').click();
  await expect(page).toHaveURL(new RegExp(`${base}/fees/member/\\d+$`));
  await expect(page.getByTestId('member-invoice-row').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('member-invoices.png'), fullPage: true });
});

test('a plain member is refused another member\'s invoices and the filter', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(403);
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const r = await page.goto(`${base}/fees/member/1`);
  expect(r?.status()).toBe(403);
});
