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

test('age-category suggestions open on demand', async ({ page }) => {
  // Finding the members in no age category reads every active member: the groups page
  // offers it per age kind instead of doing it on every view.
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/groups`);
  const box = page.locator('[id^="kind-"][id$="-suggestions"]').first();
  await expect(box.locator('details, p.muted')).toHaveCount(0);
  await box.getByTestId('suggest-bands').click();
  await expect(page).toHaveURL(/\?suggest=\d+#kind-\d+-suggestions$/);
  // Either the suggestions, opened, with the button that applies them, or the word that
  // every member with a birth date has a category.
  await expect(box.locator('details[open] button[type=submit], p.muted')).toHaveCount(1);
  await expect(box.getByTestId('suggest-bands')).toHaveCount(0);
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

test('the secretary ticks members in the register and adds them to a group', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  // A fresh group, so the two ticked are new in it.
  await page.goto(`/c/${club.slug}/groups`);
  const kindName = `Ticked ${test.info().project.name} ${Date.now()}`;
  const newKind = page.getByTestId('new-kind');
  await newKind.locator('input[name=name]').fill(kindName);
  await submitAndLoad(page, newKind.locator('button[type=submit]'));
  const card = page.getByTestId('group-kind').filter({ hasText: kindName });
  await card.locator('summary').first().click();
  const newGroup = card.getByTestId('new-group');
  await newGroup.locator('input[name=name]').fill(`Group ${kindName}`);
  await submitAndLoad(page, newGroup.locator('button[type=submit]'));
  const groupId = page.url().match(/groups\/(\d+)/)![1];

  await page.goto(`/c/${club.slug}/members`);
  const ticks = page.getByTestId('member-table').getByTestId('tick-member');
  await ticks.nth(0).check();
  await ticks.nth(2).check();
  const bulk = page.getByTestId('bulk-group');
  await bulk.locator('select[name=action]').selectOption('add');
  await bulk.locator('select[name=target]').selectOption(groupId);
  await submitAndLoad(page, bulk.getByTestId('bulk-ticked'));
  await expect(page).toHaveURL(new RegExp(`/groups/${groupId}\\?done=bulk&n=2$`));
  await expect(page.getByTestId('group-members').getByTestId('period-current')).toHaveCount(2);
});

test("a member's page lists their groups, read-only", async ({ page }) => {
  // A team member's page: the groups card lists the team (read-only; over HTTP also for a
  // role with the register's view alone).
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/groups`);
  await submitAndLoad(page, page.getByTestId('group-row').locator('a').first());
  const first = page.getByTestId('group-members').getByTestId('period-current').locator('a').first();
  const name = (await page.getByTestId('group-name').textContent())!.trim();
  await submitAndLoad(page, first);
  const groups = page.getByTestId('member-groups');
  await expect(groups).toBeVisible();
  await expect(groups.getByTestId('member-group-current').filter({ hasText: name })).toHaveCount(1);
});
