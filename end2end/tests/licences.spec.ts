import { test, expect, ACCOUNTS, CLUBS, FEDERATION } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// Licences (issue 18), with and without JavaScript (every form is a plain POST): the
// federation opens a season, the club requests licences for its active members, the
// federation approves, and the member sees the licence on My details.
const club = CLUBS.kempenvlug;

test('a club requests licences, the federation approves, the member sees the licence', async ({ browser }) => {
  // A season of this project's own (the projects run against one server).
  const year = test.info().project.name === 'js' ? 2090 : 2094;
  const season = `E2E ${year}`;

  const fedContext = await browser.newContext();
  const fed = await fedContext.newPage();
  await useSession(fed, ACCOUNTS.federation);
  await fed.goto(`/f/${FEDERATION.slug}`);
  await submitAndLoad(fed, fed.locator(`a[href="/f/${FEDERATION.slug}/licences"]`));
  await expect(fed).toHaveURL(new RegExp(`/f/${FEDERATION.slug}/licences`));
  const form = fed.getByTestId('season-form');
  await form.locator('input[name=name]').fill(season);
  await form.locator('input[name=starts_on]').fill(`${year}-09-01`);
  await form.locator('input[name=ends_on]').fill(`${year + 1}-08-31`);
  await submitAndLoad(fed, form.locator('button[type=submit]'));
  await expect(fed.getByTestId('notice')).toBeVisible();
  await expect(fed.getByTestId('fed-seasons')).toContainText(season);

  const clubContext = await browser.newContext();
  const admin = await clubContext.newPage();
  await useSession(admin, ACCOUNTS.kempenvlugAdmin);
  await admin.goto(`/c/${club.slug}`);
  await submitAndLoad(admin, admin.locator(`nav.sidebar a[href="/c/${club.slug}/licences"]`));
  const request = admin.getByTestId('licence-request').first();
  await request.locator('select[name=season]').selectOption({ label: season });
  const recreational = request.locator('select[name=category] option', { hasText: 'Recreational' });
  await request.locator('select[name=category]').selectOption((await recreational.getAttribute('value')) ?? '');
  await request.locator('input[name=all]').check();
  await request.locator('select[name=status]').selectOption('active');
  // The demo federation requires its own field (the level): the club fills it in.
  const level = request.locator('select[name="fed[level]"]');
  if (await level.count()) await level.selectOption({ index: 1 });
  await submitAndLoad(admin, request.locator('button[type=submit]'));
  await expect(admin.getByTestId('notice')).toBeVisible();
  const rows = admin.getByTestId('club-licence').filter({ hasText: season });
  expect(await rows.count()).toBeGreaterThan(0);

  // The federation approves the first of them.
  await fed.goto(`/f/${FEDERATION.slug}/licences`);
  const filter = fed.getByTestId('licence-filter');
  await filter.locator('select[name=season]').selectOption({ label: season });
  await filter.locator('select[name=status]').selectOption('requested');
  await submitAndLoad(fed, filter.locator('button[type=submit]'));
  const first = fed.getByTestId('fed-licence').first();
  await expect(first).toBeVisible();
  await first.locator('input[type=checkbox]').check();
  const decide = fed.getByTestId('decide-form');
  await decide.locator('select[name=action]').selectOption('approve');
  await submitAndLoad(fed, decide.locator('button[type=submit]'));
  await expect(fed.getByTestId('notice')).toBeVisible();
  await fed.goto(`/f/${FEDERATION.slug}/licences?status=approved`);
  expect(await fed.getByTestId('fed-licence').count()).toBeGreaterThan(0);

  // The club sees an approved licence in that season.
  await admin.goto(`/c/${club.slug}/licences`);
  await expect(
    admin.getByTestId('club-licence').filter({ hasText: season }).filter({ hasText: /goedgekeurd|approved|approuvée/ }).first(),
  ).toBeVisible();

  // The member sees their licences (the new season's among them) on My details.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await useSession(member, ACCOUNTS.kempenvlugMember);
  await member.goto(`/c/${club.slug}/me`);
  const mine = member.getByTestId('my-licences');
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId('my-licence').first()).toContainText(/\d{9}/);
  await expect(mine).toContainText(season);

  await fedContext.close();
  await clubContext.close();
  await memberContext.close();
});
