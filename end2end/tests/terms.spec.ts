import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

const club = CLUBS.confluent;
const MEMBER = 'member.confluent@demo.tessera.test';

test('a new version of the terms is accepted by everyone before anything else of the club', async ({
  browser,
  page,
}) => {
  // The administrator publishes a version of the terms; then they too must accept it.
  await useSession(page, ACCOUNTS.confluentAdmin);
  await page.goto(`/c/${club.slug}/settings/terms`);
  await expectHydrated(page);
  const text = `Règlement ${test.info().project.name} ${Date.now()}\nRespectez les autres membres.`;
  const form = page.getByTestId('terms-form');
  await form.locator('textarea[name=body]').fill(text);
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page.getByTestId('terms-gate')).toBeVisible();
  await expect(page.getByTestId('terms-text')).toContainText('Respectez les autres membres.');
  await expect(page.locator('nav.sidebar')).toHaveCount(0);
  await submitAndLoad(page, page.getByTestId('accept-terms'));
  await expect(page.getByTestId('terms-gate')).toHaveCount(0);
  await expect(page.locator('nav.sidebar')).toBeVisible();

  // A member meets the same text at their next visit and accepts it.
  const context = await browser.newContext({ javaScriptEnabled: test.info().project.name === 'js' });
  const member = await context.newPage();
  await useSession(member, MEMBER);
  await member.goto(`/c/${club.slug}`);
  await expect(member.getByTestId('terms-gate')).toBeVisible();
  await expect(member.getByTestId('terms-text')).toContainText(text.split('\n')[0]);
  await submitAndLoad(member, member.getByTestId('accept-terms'));
  await expect(member.getByTestId('stat-members')).toBeVisible();
  await context.close();

  // The administrator sees who accepted.
  await page.goto(`/c/${club.slug}/settings/terms`);
  await expect(page.getByTestId('terms-accepted')).toContainText('2');
});
