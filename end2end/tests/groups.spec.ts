import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// Groups (issue 19), with and without JavaScript: every form is a plain POST.
const club = CLUBS.kempenvlug;
const TRAINER = 'trainer.kempenvlug@demo.tessera.test';

test('the secretary creates a team and adds a member to it', async ({ page, consoleGuard }) => {
  // Adding the same member again is refused with 409, on purpose.
  consoleGuard.allowHttpStatus(409);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  // A member to add: the first of the register.
  await page.goto(`/c/${club.slug}/members`);
  const href = await page.getByTestId('member-table').locator('tbody a').first().getAttribute('href');
  const memberId = href!.split('/').pop()!;

  await page.goto(`/c/${club.slug}/groups`);
  await expect(page.getByTestId('group-kinds')).toBeVisible();
  const kindName = `Spec teams ${test.info().project.name} ${Date.now()}`;
  const newKind = page.getByTestId('new-kind');
  await newKind.locator('input[name=name]').fill(kindName);
  await submitAndLoad(page, newKind.locator('button[type=submit]'));
  await expect(page.getByTestId('notice')).toBeVisible();

  const card = page.getByTestId('group-kind').filter({ hasText: kindName });
  await card.locator('summary').first().click();
  const newGroup = card.getByTestId('new-group');
  await newGroup.locator('input[name=name]').fill(`Team ${kindName}`);
  await submitAndLoad(page, newGroup.locator('button[type=submit]'));
  await expect(page).toHaveURL(new RegExp(`/c/${club.slug}/groups/\\d+\\?done=saved$`));
  await expect(page.getByTestId('group-name')).toHaveText(`Team ${kindName}`);

  const add = page.getByTestId('add-member');
  await add.locator('input[name=member]').fill(memberId);
  await submitAndLoad(page, add.locator('button[type=submit]'));
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('group-members').getByTestId('period-current')).toHaveCount(1);

  // The same again: a clear refusal (already in the group), nothing added.
  await add.locator('input[name=member]').fill(memberId);
  await submitAndLoad(page, add.locator('button[type=submit]'));
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('group-members').getByTestId('period-current')).toHaveCount(1);
});

test('the trainer sees only the team they lead', async ({ page }) => {
  // Some members of the club, as the secretary sees the register.
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/members`);
  const all = await page
    .getByTestId('member-table')
    .locator('tbody a')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname.split('/').pop()!));

  await useSession(page, TRAINER);
  await page.goto(`/c/${club.slug}/groups`);
  await expect(page.getByTestId('group-row')).toHaveCount(1);
  await submitAndLoad(page, page.getByTestId('group-row').locator('a'));
  const current = page.getByTestId('group-members').getByTestId('period-current');
  const n = await current.count();
  expect(n).toBeGreaterThan(1);
  const team = await current
    .locator('a')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname.split('/').pop()!));

  // The register: the team only.
  await page.goto(`/c/${club.slug}/members`);
  await expect(page.getByTestId('member-table').locator('tbody tr')).toHaveCount(n);

  // A team member's page opens; anyone else's is not found.
  const inside = await page.request.get(`/c/${club.slug}/members/${team[0]}`);
  expect(inside.status()).toBe(200);
  const outsider = all.find((id) => !team.includes(id))!;
  const res = await page.request.get(`/c/${club.slug}/members/${outsider}`);
  expect(res.status()).toBe(404);
});
