import { test, expect, ACCOUNTS, CLUBS, FEDERATION } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { AdminPage } from './fixtures/admin_page';

test('the operator sees every tenant', async ({ page }) => {
  await useSession(page, ACCOUNTS.operator);
  const admin = new AdminPage(page);
  const res = await admin.goto();
  expect(res?.status()).toBe(200);
  await expect(admin.tenants).toBeVisible();
  for (const name of [FEDERATION.name, CLUBS.kempenvlug.name, CLUBS.confluent.name, CLUBS.aquatica.name]) {
    await expect(admin.tenantRow(name), name).toHaveCount(1);
  }
  await expect(admin.stamp).toBeVisible();
});
