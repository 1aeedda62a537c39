import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// Activities and attendance (issue 19), with and without JavaScript (both projects): every
// tap on the attendance list is a plain form POST that returns to the list at the person's
// row. The demo member account leads the demo team (U10) and is the parent of a child in it.
const club = CLUBS.kempenvlug;

test.use({ viewport: { width: 375, height: 740 } });

/** The address of the first upcoming weekly training, and of the same training a week earlier. */
async function trainings(page) {
  await page.goto(`/c/${club.slug}/activities`);
  const link = page.getByTestId('occurrence').filter({ hasNotText: 'Match' }).locator('a').first();
  const href = (await link.getAttribute('href')) ?? '';
  const m = href.match(/^(.*\/activities\/\d+\/)(\d{4}-\d{2}-\d{2})$/);
  expect(m).not.toBeNull();
  const next = new Date(`${m![2]}T12:00:00Z`);
  const past = new Date(next.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
  return { next: href, past: `${m![1]}${past}` };
}

test('a trainer marks attendance with one tap per person on a phone', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const { past } = await trainings(page);
  await page.goto(past);
  const list = page.getByTestId('attendance');
  await expect(list).toBeVisible();
  const row = list.getByTestId('attendee').nth(1);
  const id = await row.getAttribute('id');
  const project = test.info().project.name;
  const mark = project === 'js' ? 'present' : 'excused';
  const button = row.getByTestId(`mark-${mark}`);
  // Large targets on a 375 px screen.
  const box = await button.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  await submitAndLoad(page, button);
  // Back on the list, at the person's row, with the mark shown as chosen.
  await expect(page).toHaveURL(new RegExp(`done=marked#${id}$`));
  await expect(page.getByTestId('notice')).toBeVisible();
  const again = page.locator(`#${id}`).getByTestId(`mark-${mark}`);
  await expect(again).toHaveAttribute('aria-pressed', 'true');
  // The print sheet of the same training.
  await page.goto(`${past}/print`);
  await expect(page.getByTestId('print-sheet')).toBeVisible();
});

test('a parent reports an absence for their child', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const { next } = await trainings(page);
  await page.goto(next);
  const form = page.getByTestId('absence-form').first();
  await expect(form).toBeVisible();
  const reason = `Sick (${test.info().project.name})`;
  await form.locator('input[name=reason]').fill(reason);
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page).toHaveURL(/done=absence$/);
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('my-reported').first()).toContainText(reason);
});

test("a parent sees their child's own attendance per group, over a period they choose", async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugMember);
  await page.goto(`/c/${club.slug}/me`);
  // The demo member leads the team: their own card shows no group of theirs as a player.
  await expect(page.getByTestId('my-attendance-card')).toBeVisible();
  await submitAndLoad(page, page.getByTestId('my-children').locator('a').first());
  const card = page.getByTestId('my-attendance-card');
  await expect(card).toBeVisible();
  const row = card.getByTestId('my-attendance-row').first();
  await expect(row).toBeVisible();
  // Trainings were held (and marked) in the past weeks.
  expect(Number(await row.locator('td').first().textContent())).toBeGreaterThan(0);
  // A shorter period: the same card, for those days (a plain GET form).
  const period = card.getByTestId('my-attendance-period');
  const today = new Date().toISOString().slice(0, 10);
  await period.locator('input[name=from]').fill(today);
  await period.locator('input[name=to]').fill(today);
  await submitAndLoad(page, period.getByRole('button'));
  await expect(page).toHaveURL(new RegExp(`from=${today}`));
  await expect(page.getByTestId('my-attendance-card')).toBeVisible();
});
