import { readFileSync } from 'node:fs';
import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// The season fee report (rep20), with and without JavaScript: the treasurer opens it from
// the fees page, sees the table per group and per fee with non-trivial totals and the chart
// drawn on the server, chooses last season with the plain GET form, and downloads the XLSX
// (a plain form POST answered with an attachment).
const club = CLUBS.kempenvlug;

test('the treasurer opens the fee report, sees the table and the chart, downloads the XLSX', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/fees`);
  await submitAndLoad(page, page.getByTestId('fee-report-link'));
  await expect(page).toHaveURL(/\/fees\/report$/);

  // The current season: billed and paid are not nothing.
  const groups = page.getByTestId('by-group');
  await expect(groups.getByTestId('report-row').first()).toBeVisible();
  const total = groups.getByTestId('report-total');
  await expect(total.locator('td').nth(1)).toHaveText(/[1-9]/);
  await expect(total.locator('td').nth(3)).toHaveText(/[1-9]/);
  const fees = page.getByTestId('by-fee');
  expect(await fees.getByTestId('report-row').count()).toBeGreaterThan(1);

  // The chart: an image with its title, one bar pair per group.
  const chart = page.getByTestId('report-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('role', 'img');
  await expect(chart.locator('title')).not.toBeEmpty();
  const rows = await groups.getByTestId('report-row').count();
  expect(await chart.locator('g rect').count()).toBe(rows * 2);

  // The XLSX: an attachment that is a zip.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-xlsx-button').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${club.slug}-fee-report-\\d+\\.xlsx$`));
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');

  // Last season through the chooser (a GET form): the demo's, not one the invoices spec
  // may have created (named "E2E …").
  const chooser = page.getByTestId('report-season');
  const options = await chooser.locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '', selected: (o as HTMLOptionElement).selected })),
  );
  // Newest first: the one after the current season is the last one.
  const current = options.findIndex((o) => o.selected);
  const other = options.slice(current + 1).find((o) => !o.label.startsWith('E2E'));
  expect(other).toBeTruthy();
  await chooser.locator('select').selectOption(other!.value);
  await submitAndLoad(page, chooser.locator('button[type=submit]'));
  await expect(page).toHaveURL(/season=\d+/);
  await expect(page.getByTestId('by-group').getByTestId('report-total')).toBeVisible();
});

test('a plain member does not get the report', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(403);
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const r = await page.goto(`/c/${club.slug}/fees/report`);
  expect(r?.status()).toBe(403);
});
