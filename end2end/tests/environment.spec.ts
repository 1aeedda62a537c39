import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { ClubPage } from './fixtures/club_page';
import { ModulesPage, RolePage, RolesPage } from './fixtures/settings_page';

const club = CLUBS.kempenvlug;
const exportsNav = `a[href="/c/${club.slug}/exports"]`;

test('an admin switches a module on, creates a role and gives it; the member sees it at their next request', async ({
  browser,
  page,
}) => {
  // The member, before: no exports in their navigation.
  const memberContext = await browser.newContext({ javaScriptEnabled: test.info().project.name === 'js' });
  const memberPage = await memberContext.newPage();
  await useSession(memberPage, ACCOUNTS.kempenvlugMember);
  const memberHome = new ClubPage(memberPage);
  await memberHome.goto(club.slug);
  await expect(memberHome.frame).toBeVisible();
  await expect(memberHome.sidebar.locator(exportsNav)).toHaveCount(0);

  // The admin switches the exports module on (it needs the event log, which is on).
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const modules = new ModulesPage(page);
  expect((await modules.goto(club.slug))?.status()).toBe(200);
  await expectHydrated(page);
  await expect(modules.plan).toContainText('Premium');
  if (await modules.isOn('exports')) await modules.toggle('exports');
  expect(await modules.isOn('exports')).toBe(false);
  await modules.toggle('exports');
  await expect(modules.notice).toBeVisible();
  expect(await modules.isOn('exports')).toBe(true);
  await expect(modules.card('exports')).toContainText('Admin VC Kempenvlug Herentals');

  // A role of the club's own: exports only.
  const name = `Exporteur ${test.info().project.name} ${Date.now() % 100000}`;
  const roles = new RolesPage(page);
  await roles.goto(club.slug);
  await expectHydrated(page);
  await roles.create(name, ['exports.run']);
  const role = new RolePage(page);
  await expect(role.title).toHaveText(name);
  await expect(role.notice).toBeVisible();

  // Given to the member by their e-mail address.
  await role.give(ACCOUNTS.kempenvlugMember);
  await expect(role.notice).toBeVisible();
  await expect(role.holders).toContainText(ACCOUNTS.kempenvlugMember);
  await roles.goto(club.slug);
  await expect(roles.columnHeader(name)).toBeVisible();

  // The member's next request: the new navigation entry, and the page it leads to.
  await memberHome.goto(club.slug);
  await expect(memberHome.sidebar.locator(exportsNav)).toBeVisible();
  await expect(memberPage.getByTestId('your-roles')).toContainText(name);
  await memberHome.sidebar.locator(exportsNav).click();
  await expect(memberPage).toHaveURL(new RegExp(`/c/${club.slug}/exports$`));
  await expect(memberPage.getByTestId('export-form')).toBeVisible();
  await memberContext.close();

  // Put the club back as it was: the role deleted, the module off.
  await page.goto(`/c/${club.slug}/settings/roles`);
  await page.locator(`thead a`, { hasText: name }).click();
  await expect(role.title).toHaveText(name);
  await role.delete();
  await expect(page).toHaveURL((u) => u.pathname === `/c/${club.slug}/settings/roles`);
  await expect(roles.columnHeader(name)).toHaveCount(0);
  await modules.goto(club.slug);
  await modules.toggle('exports');
  expect(await modules.isOn('exports')).toBe(false);
});

test('a refused role comes back with the reason next to the field', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const roles = new RolesPage(page);
  await roles.goto(club.slug);
  await expectHydrated(page);
  await roles.create('Trainer', ['members.view']);
  await expect(roles.error).toBeVisible();
  await expect(page.getByTestId('field-error')).toContainText('er bestaat al een rol met deze naam');
});
