import { test, expect, expectHydrated, ACCOUNTS, CLUBS, FEDERATION } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { LandingPage } from './fixtures/landing_page';
import { FederationPage } from './fixtures/federation_page';

test('federation staff see their federation and its clubs', async ({ page }) => {
  await useSession(page, ACCOUNTS.federation);
  const landing = new LandingPage(page);
  expect((await landing.goto())?.status()).toBe(200);
  await expect(landing.myTenant(FEDERATION.name)).toHaveAttribute('href', `/f/${FEDERATION.slug}`);
  await expectHydrated(page);

  await landing.myTenant(FEDERATION.name).click();
  await expect(page).toHaveURL((u) => u.pathname === `/f/${FEDERATION.slug}`);
  const fed = new FederationPage(page);
  await expect(fed.heading).toHaveText(FEDERATION.name);
  await expect(fed.clubs).toBeVisible();
  await expect(fed.clubRows).toHaveCount(3);
  for (const club of [CLUBS.kempenvlug, CLUBS.confluent, CLUBS.aquatica]) {
    await expect(fed.clubRows.filter({ hasText: club.name })).toHaveCount(1);
  }
  await expect(fed.stamp).toBeVisible();
});

test('the federation page loads directly', async ({ page }) => {
  await useSession(page, ACCOUNTS.federation);
  const fed = new FederationPage(page);
  const res = await fed.goto(FEDERATION.slug);
  expect(res?.status()).toBe(200);
  await expect(fed.clubRows).toHaveCount(3);
});

// fedlog18: the federation's own event log, reached from its navigation, paged by plain
// links (with and without JavaScript); a licence list read shows in the club's log.
test('federation staff read their event log, and the club sees the licence list read', async ({ page }, info) => {
  await useSession(page, ACCOUNTS.federation);
  const fed = new FederationPage(page);
  expect((await fed.goto(FEDERATION.slug))?.status()).toBe(200);
  await page.locator(`a[href="/f/${FEDERATION.slug}/log"]`).first().click();
  await expect(page).toHaveURL((u) => u.pathname === `/f/${FEDERATION.slug}/log`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const log = page.getByTestId('federation-log');
  await expect(log).toBeVisible();
  await expect(log.locator('tbody tr').first()).toBeVisible();
  // The demo's affiliations and licence decisions are there, in words.
  await expect(log).not.toContainText('licences_approve');
  if (await page.getByTestId('log-next').count()) {
    await page.getByTestId('log-next').click();
    await expect(page).toHaveURL((u) => u.searchParams.get('page') === '2');
    await expect(page.getByTestId('log-prev')).toBeVisible();
  }
  await page.screenshot({ path: `test-results/fedlog-${info.project.name}.png`, fullPage: true });

  // The licence list is a read, in the club's event log.
  expect((await page.goto(`/f/${FEDERATION.slug}/licences`))?.status()).toBe(200);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  expect((await page.goto(`/c/${CLUBS.kempenvlug.slug}/events`))?.status()).toBe(200);
  await expect(page.getByTestId('club-events')).toContainText(
    /licence list with|vergunningenlijst met|liste des licences avec/,
  );
});

// dash18: the oversight dashboard (with and without JavaScript: both projects).
test('the federation dashboard shows charts and tables, counts again and downloads CSV', async ({ page }, info) => {
  await useSession(page, ACCOUNTS.federation);
  const fed = new FederationPage(page);
  expect((await fed.goto(FEDERATION.slug))?.status()).toBe(200);
  // Counted at seed time: an "as of" line, no club waiting for its count.
  await expect(page.getByTestId('dash-as-of')).not.toBeEmpty();
  await expect(fed.clubRows.locator('td[colspan]')).toHaveCount(0);
  await expect(page.getByTestId('clubs-total')).toBeVisible();
  // Each chart is an image with a name; its table follows as the text alternative.
  for (const id of ['clubs', 'licences', 'ages', 'genders', 'growth']) {
    const chart = page.getByTestId(`chart-${id}`);
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAttribute('role', 'img');
  }
  await expect(page.getByRole('img').first()).toBeVisible();
  await expect(page.getByTestId('dash-ages').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByTestId('dash-genders').locator('tbody tr')).toHaveCount(4);
  expect(await page.getByTestId('dash-growth').locator('tbody tr').count()).toBeGreaterThan(0);

  // Screenshots at a desktop and a phone width, for a person to look at.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: info.outputPath('dashboard-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: info.outputPath('dashboard-375.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Another season: a plain GET form.
  const select = page.locator('#dash-season');
  const options = await select.locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(1);
  await select.selectOption({ label: options[options.length - 1] });
  await page.getByTestId('dash-season').getByRole('button').click();
  await expect(page).toHaveURL(/season=/);
  await expect(page.locator('#licences-title')).toContainText(options[options.length - 1]);

  // Count again: a form post, back with a notice.
  await page.getByTestId('dash-refresh').click();
  await expect(page).toHaveURL(/done=counted/);
  await expect(page.getByTestId('notice')).toBeVisible();

  // The clubs table as CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-clubs').click()]);
  expect(download.suggestedFilename()).toBe(`${FEDERATION.slug}-clubs.csv`);
});
