import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';

// Reconciliation (issue 20), with and without JavaScript: the treasurer imports a bank
// statement (a multipart POST) and sees the payment matched to the member's invoice; the
// same file again changes nothing. Every form on the bank page is a plain POST.
const club = CLUBS.kempenvlug;

/** The 12 digits of a structured communication with the right check digits for the
 * first ten of `digits` (modulo 97, 0 → 97). */
function rightOgm(digits: string): string {
  const base = digits.slice(0, 10);
  const r = Number(BigInt(base) % 97n);
  return base + String(r === 0 ? 97 : r).padStart(2, '0');
}

function camt(iban: string, id: string, day: string, amount: string, name: string, ogm: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">` +
    `<BkToCstmrStmt><GrpHdr><MsgId>${id}</MsgId><CreDtTm>${day}T18:00:00</CreDtTm></GrpHdr><Stmt><Id>${id}</Id>` +
    `<Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct><Ntry><Amt Ccy="EUR">${amount}</Amt>` +
    `<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${day}</Dt></BookgDt><NtryDtls><TxDtls>` +
    `<RltdPties><Dbtr><Nm>${name}</Nm></Dbtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>${ogm}</Ref>` +
    `</CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
}

test('the treasurer imports a statement and sees the member paid', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/fees/bank`);
  // The demo's statement is reconciled: its line with a wrong check digit waits, flagged.
  const flagged = page.getByTestId('queue').getByTestId('bank-line').filter({ has: page.getByTestId('ogm-invalid') });
  await expect(flagged.first()).toBeVisible();
  const shown = (await flagged.first().getByTestId('line-communication').innerText()).replace(/\D/g, '');
  const ogm = rightOgm(shown);
  const iban = (await page.getByTestId('club-account').innerText()).replace(/^.*?(BE[\d ]+).*$/s, '$1').replace(/ /g, '');
  const day = new Date().toISOString().slice(0, 10);
  const project = test.info().project.name;
  // One cent per project: two different transfers of the same invoice's payer.
  const amount = project === 'js' ? '0.01' : '0.02';
  const file = camt(iban, `e2e-${project}-${Date.now()}`, day, amount, `E2E ${project}`, ogm);
  const form = page.getByTestId('import-statement');
  await form.locator('input[name=file]').setInputFiles({ name: `e2e-${project}.xml`, mimeType: 'application/xml', buffer: Buffer.from(file) });
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page).toHaveURL(/done=imported/);
  await expect(page.getByTestId('notice')).toBeVisible();
  const line = page.getByTestId('statement-lines').getByTestId('bank-line').first();
  await expect(line).toHaveAttribute('data-state', 'matched');
  await expect(line.getByTestId('line-outcome')).toBeVisible();
  await expect(line.getByTestId('line-invoice')).not.toBeEmpty();

  // The same file again: nothing changes.
  const again = page.getByTestId('import-statement');
  await again.locator('input[name=file]').setInputFiles({ name: `e2e-${project}.xml`, mimeType: 'application/xml', buffer: Buffer.from(file) });
  await submitAndLoad(page, again.locator('button[type=submit]'));
  await expect(page).toHaveURL(/done=already/);
});

test('a statement of another account is refused with the reason', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(400);
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  await page.goto(`/c/${club.slug}/fees/bank`);
  const file = camt('BE71096123456769', `e2e-other-${Date.now()}`, new Date().toISOString().slice(0, 10), '1.00', 'X', '090933755493');
  const form = page.getByTestId('import-statement');
  await form.locator('input[name=file]').setInputFiles({ name: 'other.xml', mimeType: 'application/xml', buffer: Buffer.from(file) });
  await submitAndLoad(page, form.locator('button[type=submit]'));
  await expect(page.getByTestId('file-error')).toContainText('BE71 0961 2345 6769');
});

test('a member without fees.reconcile is refused the bank page', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpStatus(403);
  await useSession(page, ACCOUNTS.kempenvlugMember);
  const r = await page.goto(`/c/${club.slug}/fees/bank`);
  expect(r?.status()).toBe(403);
});
