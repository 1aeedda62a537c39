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
