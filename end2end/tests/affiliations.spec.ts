import { test, expect, expectHydrated, ACCOUNTS, CLUBS, FEDERATION } from './fixtures/base';
import { useSession } from './fixtures/auth';

// affiliations (issue 18): a club leaves, asks to join again, the federation accepts and
// proposes sharing terms, the club's admin accepts them. Runs with and without
// JavaScript (every step is a plain form post answered by a redirect); it ends as it
// began (the club affiliated), so the other specs see the demo as seeded.
const club = CLUBS.aquatica;

test('a club asks to join, the federation accepts, the club accepts the sharing terms', async ({ browser, page }) => {
  const fedContext = await browser.newContext({ javaScriptEnabled: test.info().project.name === 'js' });
  const fedPage = await fedContext.newPage();

  // The club leaves the federation (the demo affiliated it), then asks to join again.
  await useSession(page, ACCOUNTS.aquaticaAdmin);
  expect((await page.goto(`/c/${club.slug}/federations`))?.status()).toBe(200);
  await expectHydrated(page);
  const card = page.getByTestId('affiliation').filter({ hasText: FEDERATION.name });
  await expect(card).toHaveAttribute('data-status', 'active');
  await expect(card.getByTestId('shared-fields')).toBeVisible();
  await card.getByTestId('leave-federation').getByRole('button').click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('affiliation')).toHaveCount(0);
  await expect(page.getByTestId('affiliation-past').first()).toContainText(FEDERATION.name);

  const ask = page.getByTestId('ask-federation');
  await ask.locator('select[name="federation"]').selectOption(FEDERATION.slug);
  await ask.locator('button[type="submit"]').click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('affiliation')).toHaveAttribute('data-status', 'requested');
  await expect(page.getByTestId('shared-nothing')).toBeVisible();

  // The federation's staff accept the request and propose terms.
  await useSession(fedPage, ACCOUNTS.federation);
  expect((await fedPage.goto(`/f/${FEDERATION.slug}/clubs`))?.status()).toBe(200);
  await expectHydrated(fedPage);
  const request = fedPage.locator(`[data-testid="club-affiliation"][data-club="${club.slug}"][data-status="requested"]`);
  await expect(request).toHaveCount(1);
  await request.getByTestId('accept-request').getByRole('button').click();
  await expect(fedPage.getByTestId('notice')).toBeVisible();
  const active = fedPage.locator(`[data-testid="club-affiliation"][data-club="${club.slug}"][data-status="active"]`);
  await expect(active).toHaveCount(1);
  await active.locator('summary').click();
  const propose = active.getByTestId('propose-terms');
  await propose.locator('input[value="given_name"]').check();
  await propose.locator('input[value="birth_date"]').check();
  await propose.locator('button[type="submit"]').click();
  await expect(fedPage.getByTestId('notice')).toBeVisible();
  await expect(
    fedPage.locator(`[data-testid="club-affiliation"][data-club="${club.slug}"][data-status="active"]`).getByTestId('terms-waiting'),
  ).toHaveAttribute('data-keys', /birth_date/);

  // The club's admin accepts the terms: the shared fields and who accepted them show.
  await page.goto(`/c/${club.slug}/federations`);
  await expectHydrated(page);
  const joined = page.getByTestId('affiliation');
  await expect(joined).toHaveAttribute('data-status', 'active');
  await expect(joined.getByTestId('terms-proposal')).toHaveAttribute('data-keys', /birth_date/);
  await joined.getByTestId('accept-terms').getByRole('button').click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('affiliation').getByTestId('shared-fields')).toHaveAttribute('data-keys', /birth_date/);
  await expect(page.getByTestId('affiliation').getByTestId('accepted-by')).toContainText('Admin');

  // The federation counts the club again.
  await fedPage.goto(`/f/${FEDERATION.slug}`);
  await expect(fedPage.getByTestId('federation-clubs').locator('tbody tr').filter({ hasText: club.name })).toHaveCount(1);
  await fedContext.close();
});
