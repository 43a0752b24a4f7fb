import { expect, type Page } from '@playwright/test';

// The citizen's side of the sync specs: a fresh account, signing in through the page, and what
// the outbox holds.

/** A fresh phone number per call: the server allows one code a minute per phone. */
let phoneSeq = 0;
export function newPhone(): string {
  phoneSeq += 1;
  const n = (Date.now() % 1_000_000) * 100 + phoneSeq;
  return `139${String(n).padStart(8, '0').slice(-8)}`;
}

/** A start date a week from today (Asia/Shanghai), inside the one-year window. */
export function startDate(days = 7): string {
  return new Date(Date.now() + days * 864e5 + 8 * 36e5).toISOString().slice(0, 10);
}

export async function outboxEntries(page: Page): Promise<any[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('yidi:outbox:'))
      .map((k) => JSON.parse(localStorage.getItem(k)!).data),
  );
}

/** Signs in through the page: phone, the development code the server returns, code. */
export async function signIn(page: Page, base: string, phone: string): Promise<string> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('手机号').fill(phone);
  await page.getByTestId('signin-submit').click();
  const code = (await page.getByTestId('signin-dev-code').locator('strong').textContent())!.trim();
  await page.getByLabel('短信验证码').fill(code);
  await page.getByTestId('signin-submit').click();
  await expect(page).toHaveURL(/\/filings$/);
  await expect(page.getByTestId('account-link')).toHaveAttribute('data-signed-in', 'true');
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('yidi:session')!).data);
  expect(session.phone).toBe(phone);
  return session.token as string;
}
