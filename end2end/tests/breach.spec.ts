import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';

/**
 * The breach register (issue 17), with and without JavaScript (the two projects): the
 * operator records an incident affecting a club and notifies it; the club's administrator
 * sees the banner on the club home, acknowledges it and records that the authority was
 * notified; the record of processing renders, with its print version.
 */

const club = CLUBS.kempenvlug;
const base = `/c/${club.slug}`;

/** Yesterday at 10:00, as a datetime-local value: within the 72 hours, never in the future. */
function yesterdayAt(hour: string): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) + `T${hour}`;
}

test('the operator notifies a club of a breach; its administrator follows it up', async ({ page }) => {
  const nature = `Stolen laptop ${test.info().project.name} ${Date.now()} <b>not bold</b>`;
  await useSession(page, ACCOUNTS.operator);
  await page.goto('/admin/privacy');
  const form = page.getByTestId('record-incident');
  await form.locator('input[name="discovered_at"]').fill(yesterdayAt('10:00'));
  await form.locator('textarea[name="nature"]').fill(nature);
  await form.locator('input[name="categories"]').fill('names, e-mail addresses');
  await form.locator('input[name="people_count"]').fill('40');
  await form.locator('input[name="records_count"]').fill('40');
  await form.locator('textarea[name="consequences"]').fill('Possible phishing');
  await form.locator('textarea[name="measures"]').fill('Passwords reset');
  await form.locator(`input[value="${club.slug}"]`).check();
  await form.getByRole('button').click();
  await expect(page.getByTestId('notice')).toBeVisible();
  const incident = page.getByTestId('incident').filter({ hasText: nature });
  await expect(incident).toHaveCount(1);
  await expect(incident.getByTestId('clock')).toBeVisible();
  await incident.getByTestId(`notify-${club.slug}`).click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('incident').filter({ hasText: nature }).getByTestId('notified')).toBeVisible();

  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(base);
  const banner = page.getByTestId('breach-banner').filter({ hasText: nature });
  await expect(banner).toBeVisible();
  await banner.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${base}/privacy/breaches`));
  const card = page.getByTestId('breach').filter({ hasText: nature });
  await card.getByTestId('acknowledge').click();
  await expect(page.getByTestId('notice')).toBeVisible();
  const acked = page.getByTestId('breach').filter({ hasText: nature });
  await acked.locator('summary').click();
  const follow = acked.getByTestId('follow-up');
  await follow.locator('input[name="authority"][value="yes"]').check();
  await follow.locator('input[name="authority_at"]').fill(yesterdayAt('15:00'));
  await follow.getByRole('button').click();
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('breach').filter({ hasText: nature }).getByTestId('authority')).not.toHaveText(/nog niet|not decided/);
  await page.goto(base);
  await expect(page.getByTestId('breach-banner').filter({ hasText: nature })).toHaveCount(0);
});

test('the record of processing renders and prints', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`${base}/privacy`);
  await expect(page.getByTestId('processing-record')).toBeVisible();
  await expect(page.getByTestId('subprocessors')).toBeVisible();
  await expect(page.getByTestId('privacy-link-breaches')).toBeVisible();
  await page.getByTestId('print-record').click();
  await expect(page).toHaveURL(new RegExp(`${base}/privacy/record$`));
  await expect(page.getByTestId('processing-record')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-hint')).toBeHidden();
});
