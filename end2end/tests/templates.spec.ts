import { test, expect, ACCOUNTS, CLUBS, FEDERATION } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// Federation templates (issue 18), with and without JavaScript: every form is a plain POST.
const club = CLUBS.kempenvlug;

test('the federation publishes a fields template and a club adopts it', async ({ page }) => {
  const project = test.info().project.name;
  const name = `Kit ${project}`;
  const label = `Bib number ${project}`;
  await useSession(page, ACCOUNTS.federation);
  await page.goto(`/f/${FEDERATION.slug}/templates`);
  await expect(page.getByTestId('federation-templates')).toBeVisible();
  const editor = page.getByTestId('template-editor-fields');
  await page.locator('details', { has: editor }).locator('summary').click();
  await editor.locator('input[name=name]').fill(name);
  await editor.locator('input[name="rows[label1]"]').fill(label);
  await editor.locator('select[name="rows[kind1]"]').selectOption('number');
  await editor.locator('select[name="rows[visibility1]"]').selectOption('staff');
  await submitAndLoad(page, editor.locator('button[type=submit]'));
  await expect(page).toHaveURL(/\/f\/bsf\/templates\/\d+\?done=published$/);
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('template-version')).toHaveCount(1);
  await expect(page.getByTestId('template-version')).toContainText(label);

  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/templates`);
  const offered = page.getByTestId('club-template').filter({ hasText: name });
  await expect(offered).toHaveCount(1);
  await submitAndLoad(page, offered.locator('button[type=submit]'));
  await expect(page).toHaveURL(/\/templates\?done=adopted$/);
  const adopted = page.getByTestId('club-template').filter({ hasText: name });
  // Adopted at the newest version: no button, a quiet status.
  await expect(adopted.getByTestId('template-status')).toHaveClass(/muted/);
  await expect(adopted.locator('button[type=submit]')).toHaveCount(0);
  // The copy is the club's own field.
  await page.goto(`/c/${club.slug}/settings/fields`);
  await expect(page.getByText(label).first()).toBeVisible();
});

test('the club sees that a newer version of an adopted template exists and what changed', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/templates`);
  const role = page.getByTestId('club-template').filter({ hasText: 'Youth trainer' });
  // The club adopted version 1 in the demo; version 2 adds a permission.
  await expect(role.getByTestId('template-status')).toHaveClass(/notice/);
  await expect(role.getByTestId('template-changes').locator('li')).toHaveCount(1);
  await expect(role.locator('button[type=submit]')).toHaveCount(1);
});
