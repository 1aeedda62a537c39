import { test, expect, expectHydrated, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { MemberPage, MembersPage } from './fixtures/members_page';

const club = CLUBS.kempenvlug;
/** Rows on one page of the register. */
const PER_PAGE = 50;

test.describe('member register', () => {
  test.beforeEach(async ({ page }) => {
    await useSession(page, ACCOUNTS.kempenvlugAdmin);
  });

  test('lists members with a total', async ({ page }) => {
    const members = new MembersPage(page);
    const res = await members.goto(club.slug);
    expect(res?.status()).toBe(200);
    await expect(members.table).toBeVisible();
    await expect(members.rows.first()).toBeVisible();
    await expect(members.count).toHaveText(/\d/);
    const [from, to, total] = await members.countNumbers();
    expect(from).toBe(1);
    expect(total).toBeGreaterThan(0);
    expect(to).toBe(Math.min(PER_PAGE, total));
    await expect(members.rows).toHaveCount(to - from + 1);
    await expectHydrated(page);
  });

  test('search filters the register by name', async ({ page }) => {
    const members = new MembersPage(page);
    await members.goto(club.slug);
    await expectHydrated(page);
    const [, , totalBefore] = await members.countNumbers();
    const firstName = (await members.nameLink(members.rows.first()).textContent())?.trim() ?? '';
    const family = firstName.split(',')[0].trim();
    expect(family, `a family name in "${firstName}"`).not.toBe('');

    await members.search(family);
    expect(new URL(page.url()).searchParams.get('q')).toBe(family);
    await expect(members.searchInput).toHaveValue(family);
    await expect(members.rows.first()).toBeVisible();
    // Every row found contains the name (auto-retrying, so it also holds once the results
    // have replaced the first page, however the form was submitted).
    const name = new RegExp(family.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    await expect(members.rows.filter({ hasNotText: name }), 'rows that do not match the search').toHaveCount(0);
    const rows = await members.rows.allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.toLowerCase(), 'every row found matches the search').toContain(family.toLowerCase());
    }
    const [, , totalAfter] = await members.countNumbers();
    expect(totalAfter).toBeGreaterThan(0);
    if (totalAfter <= PER_PAGE) expect(rows.length, 'the total counts the rows found').toBe(totalAfter);
    expect(totalAfter).toBeLessThanOrEqual(totalBefore);
    await expectHydrated(page);
  });

  test('a search without results says so', async ({ page }) => {
    const members = new MembersPage(page);
    await members.goto(club.slug);
    await expectHydrated(page);
    await members.search('zzzz-nobody-has-this-name');
    await expect(members.noMembers).toBeVisible();
    await expect(members.table).toHaveCount(0);
  });

  test('pages through more than one page of members', async ({ page }) => {
    const members = new MembersPage(page);
    await members.goto(club.slug);
    await expectHydrated(page);
    const [, , total] = await members.countNumbers();
    test.skip(total <= PER_PAGE, `needs more than ${PER_PAGE} members (seed with --members 60)`);

    await expect(members.prev).toHaveCount(0);
    await expect(members.next).toBeVisible();
    await expect(members.next).toHaveAttribute('href', /[?&]page=2(&|$)/);
    const firstOnPage1 = await members.nameLink(members.rows.first()).textContent();

    await members.next.click();
    await expect(page).toHaveURL((u) => u.searchParams.get('page') === '2');
    await expect(members.count).toHaveText(new RegExp(`\\b${PER_PAGE + 1}\\b`));
    const [from, to, total2] = await members.countNumbers();
    expect([from, total2]).toEqual([PER_PAGE + 1, total]);
    expect(to).toBe(Math.min(2 * PER_PAGE, total));
    await expect(members.rows).toHaveCount(to - from + 1);
    await expect(members.nameLink(members.rows.first())).not.toHaveText(firstOnPage1 ?? '');
    await expect(members.prev).toBeVisible();
    // Back to the first page: its address has no page number (or page 1).
    const prevHref = (await members.prev.getAttribute('href')) ?? '';
    expect(new URL(prevHref, page.url()).searchParams.get('page') ?? '1').toBe('1');
    if (total <= 2 * PER_PAGE) await expect(members.next).toHaveCount(0);
  });

  test('a member name opens the member record', async ({ page }) => {
    const members = new MembersPage(page);
    await members.goto(club.slug);
    await expectHydrated(page);
    const link = members.nameLink(members.rows.first());
    const listed = (await link.textContent())?.trim() ?? '';
    const [family, given] = listed.split(',').map((s) => s.trim());
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^/c/${club.slug}/members/[^/?#]+$`));

    await link.click();
    await expect(page).toHaveURL((u) => u.pathname === href);
    const member = new MemberPage(page);
    await expect(member.name).toBeVisible();
    await expect(member.name).toHaveText(`${given} ${family}`);
    await expect(member.stamp).toBeVisible();
    await expect(member.stamp).not.toBeEmpty();
    await expect(member.backLink).toHaveAttribute('href', `/c/${club.slug}/members`);

    // The record's address is a page of its own, which also loads directly.
    const res = await page.goto(href!);
    expect(res?.status()).toBe(200);
    await expect(member.name).toHaveText(`${given} ${family}`);
  });
});
