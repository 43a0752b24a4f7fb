import { expect, test, type Page } from '@playwright/test';
import { fillToPapers, signAndSubmit } from './support/filing_form';
import { startServer } from './support/server';
import { newPhone, outboxEntries, signIn, startDate } from './support/citizen';

// Issue 5, "Sync in the SPA": the outbox reaches the server exactly once, whatever the network
// or the server does, and My filings shows what became of each filing.
//
// Service workers are blocked here: they are the subject of app.spec.ts, and page.route cannot
// see requests a service worker makes.
test.use({ serviceWorkers: 'block' });

const REVIEWER = 'e2e-reviewer-token';

/** A complete, valid create body (contracts/api.md). */
function filingBody(start = startDate()) {
  return {
    applicant: { name: '张三', id_number: '11010519491231002X', phone: '13800138000', relation: 'self' },
    insured: { name: '张三', id_number: '11010519491231002X', phone: '13800138000' },
    insured_region: '320500',
    treatment_region: '440100',
    scheme: 'employee',
    category: 'resettled_retiree',
    start_date: start,
    contact: { name: '李四', phone: '13900139000' },
    materials: ['hukou_first_page', 'household_register_page'],
    commitment: false,
    notice_accepted: true,
    signature: '张三',
  };
}

/** Puts a submitted filing in the outbox in the app's stored format (src/outbox.rs). */
async function seedOutbox(page: Page, body: object): Promise<string> {
  return page.evaluate((body) => {
    const id = crypto.randomUUID();
    const data = {
      id,
      idempotency_key: crypto.randomUUID(),
      draft_id: crypto.randomUUID(),
      created_at: Date.now(),
      body,
      attempts: 0,
      last_error: null,
      next_attempt_at: null,
      state: 'pending',
    };
    localStorage.setItem(`yidi:outbox:${id}`, JSON.stringify({ v: 1, data }));
    return id;
  }, body);
}

/** Waits until the page is not sending (so a seeded entry is picked up by the next load only). */
async function settle(page: Page) {
  await expect(page.getByTestId('sync-bar')).not.toContainText('正在同步');
}

async function api(base: string, token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A signed-in account with one filing the server has accepted (sent from the outbox). */
async function submittedFiling(page: Page, base: string): Promise<{ token: string; filing: any }> {
  const token = await signIn(page, base, newPhone());
  await settle(page);
  await seedOutbox(page, filingBody());
  await page.reload();
  await expect(page.getByTestId('server-status')).toHaveText('已提交');
  const [filing] = (await api(base, token, '/api/filings')).body;
  return { token, filing };
}

/** The office's decision on a filing; the HTTP status. */
async function decide(base: string, id: string, decision: object): Promise<number> {
  const res = await fetch(`${base}/api/review/filings/${id}/decision`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${REVIEWER}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(decision),
  });
  return res.status;
}

/** Fills and submits the filing form (helper-4's wizard) for a resettled retiree. */
async function submitThroughForm(page: Page) {
  await page.getByRole('link', { name: '新建备案申请' }).click();
  await fillToPapers(page);
  await page.getByLabel('户口簿首页').check();
  await page.getByLabel('本人常住人口登记卡（户口簿本人页）').check();
  await signAndSubmit(page);
}

test('a filing submitted offline is queued as 待同步 and synced exactly once when the network returns', async ({
  page,
  context,
  baseURL,
}) => {
  const token = await signIn(page, baseURL!, newPhone());
  await expect(page.getByTestId('submitted-empty')).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByTestId('offline-badge')).toHaveAttribute('data-online', 'false');
  await submitThroughForm(page);
  await page.getByRole('navigation').getByRole('link', { name: '我的备案', exact: true }).click();
  await expect(page.getByTestId('outbox-entry')).toHaveCount(1);
  await expect(page.getByTestId('filing-status')).toContainText('待同步');
  expect((await api(baseURL!, token, '/api/filings')).body).toHaveLength(0);
  await page.screenshot({ path: 'test-results/screenshots/sync-offline-queued.png', fullPage: true });

  await context.setOffline(false);
  const card = page.getByTestId('server-filing');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('server-status')).toHaveText('已提交');
  await expect(page.getByTestId('outbox-entry')).toHaveCount(0);

  // A second trigger (focus, a reload) must not send it again.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.reload();
  await expect(page.getByTestId('server-filing')).toHaveCount(1);
  const list = await api(baseURL!, token, '/api/filings');
  expect(list.status).toBe(200);
  expect(list.body).toHaveLength(1);
  expect(list.body[0].insured.id_number).toBe('11010519491231002X');
  const [entry] = await outboxEntries(page);
  expect(entry.state).toBe('synced');
  expect(entry.server_id).toBe(list.body[0].id);
});

test('the server killed during the sync and restarted leaves exactly one filing', async ({ page }) => {
  test.setTimeout(90_000);
  const server = await startServer();
  try {
    const token = await signIn(page, server.url, newPhone());
    // The first POST reaches the server and commits; the server then dies before the answer
    // gets back (SIGKILL), so the page sees a network error and must retry with the same key.
    let posts = 0;
    let killed!: () => void;
    const serverKilled = new Promise<void>((resolve) => (killed = resolve));
    await page.route(`${server.url}/api/filings`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts > 1) return route.continue();
      await route.fetch();
      await server.stop(true);
      await route.abort('connectionreset');
      killed();
    });
    await settle(page);
    await seedOutbox(page, filingBody());
    await page.reload();
    await serverKilled;
    // The page keeps retrying on its backoff timer while the server is down.
    await expect(page.getByTestId('filing-status')).toContainText('已尝试');
    expect((await outboxEntries(page))[0].state).toBe('pending');
    await server.restart();

    await expect(page.getByTestId('server-filing')).toHaveCount(1, { timeout: 45_000 });
    await expect(page.getByTestId('server-status')).toHaveText('已提交');
    expect(posts).toBeGreaterThanOrEqual(2);
    const list = await api(server.url, token, '/api/filings');
    expect(list.body).toHaveLength(1);
    // The list refresh can show the filing before the entry's own retry (on its backoff timer)
    // has been answered: wait for that answer, the replay of the first.
    await expect.poll(async () => (await outboxEntries(page))[0].state, { timeout: 45_000 }).toBe('synced');
    const [entry] = await outboxEntries(page);
    expect(entry.attempts).toBeGreaterThanOrEqual(2);
    expect((await api(server.url, token, '/api/filings')).body).toHaveLength(1);
  } finally {
    await server.dispose();
  }
});

test("a reviewer's approval shows up as 已通过 in My filings, with its history", async ({ page, baseURL }) => {
  const { filing } = await submittedFiling(page, baseURL!);
  expect(await decide(baseURL!, filing.id, { decision: 'approve' })).toBe(200);

  // Refreshed when the tab regains focus.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  const card = page.getByTestId('server-filing');
  await expect(card.getByTestId('server-status')).toHaveText('已通过');
  await card.getByTestId('history-toggle').click();
  await expect(card.getByTestId('history')).toContainText('审核通过');
  await expect(card.getByTestId('history')).toContainText('提交申请');
  await page.screenshot({ path: 'test-results/screenshots/sync-filings-approved.png', fullPage: true });
});

test('a returned filing shows its reason; a change made elsewhere gives a choice (409)', async ({ page, baseURL }) => {
  const { token, filing } = await submittedFiling(page, baseURL!);
  expect(await decide(baseURL!, filing.id, { decision: 'return', reason: '户口簿首页照片不清晰' })).toBe(200);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  const card = page.getByTestId('server-filing');
  await expect(card.getByTestId('server-status')).toHaveText('已退回');
  await expect(card.getByTestId('server-reason')).toContainText('户口簿首页照片不清晰');
  // A returned filing leads to the settlement diagnosis (issue 10).
  await expect(card.getByTestId('filing-why')).toHaveAttribute('href', '/why');

  // The form opens on the version the page holds; meanwhile another device changes the filing.
  await card.getByTestId('change-toggle').click();
  const current = (await api(baseURL!, token, `/api/filings/${filing.id}`)).body;
  const elsewhere = await api(baseURL!, token, `/api/filings/${filing.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ version: current.version, start_date: startDate(10) }),
  });
  expect(elsewhere.status).toBe(200);
  await card.getByTestId('change-contact-phone').fill('13700137000');
  await card.getByTestId('change-submit').click();
  const conflict = card.getByTestId('change-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-start-date')).toHaveText(startDate(10));
  await page.screenshot({ path: 'test-results/screenshots/sync-change-conflict.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await conflict.getByTestId('conflict-reapply').click();
  await expect(card.getByTestId('change-form')).toHaveCount(0);

  const after = (await api(baseURL!, token, `/api/filings/${filing.id}`)).body;
  expect(after.version).toBe(elsewhere.body.version + 1);
  expect(after.start_date).toBe(startDate(10));
  expect(after.contact.phone).toBe('13700137000');

  // Cancel, with the version the page now holds.
  await card.getByTestId('cancel-filing').click();
  await card.getByTestId('cancel-confirm').click();
  await expect(card.getByTestId('server-status')).toHaveText('已撤销');
  expect((await api(baseURL!, token, `/api/filings/${filing.id}`)).body.status).toBe('cancelled');
});

test('another account cannot see the filing', async ({ page, baseURL }) => {
  const tokenA = await signIn(page, baseURL!, newPhone());
  await settle(page);
  await seedOutbox(page, filingBody());
  await page.reload();
  await expect(page.getByTestId('server-filing')).toHaveCount(1);
  const [filing] = (await api(baseURL!, tokenA, '/api/filings')).body;

  // Same phone, another person: sign out, sign in with a second number.
  await page.goto(`${baseURL}/sign-in`);
  const phoneA = await page.evaluate(() => JSON.parse(localStorage.getItem('yidi:session')!).data.phone);
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('account-link')).toHaveAttribute('data-signed-in', 'false');
  // Signing out ends the session on the server too (DELETE /api/session): A's token is dead.
  await expect.poll(async () => (await api(baseURL!, tokenA, '/api/filings')).status).toBe(401);
  // A second filing of A's went out but its answer was lost: it must never be sent as B.
  const lost = await seedOutbox(page, filingBody(startDate(9)));
  await page.evaluate(
    ([id, phone]) =>
      localStorage.setItem('yidi:outbox-owners', JSON.stringify({ v: 1, data: { [id]: phone } })),
    [lost, phoneA],
  );
  const tokenB = await signIn(page, baseURL!, newPhone());
  await expect(page.getByTestId('submitted-empty')).toBeVisible();
  await expect(page.getByTestId('server-filing')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/sync-other-account.png', fullPage: true });

  expect((await api(baseURL!, tokenB, `/api/filings/${filing.id}`)).status).toBe(404);
  expect((await api(baseURL!, tokenB, `/api/filings/${filing.id}/history`)).status).toBe(404);
  expect((await api(baseURL!, tokenB, '/api/filings')).body).toHaveLength(0);
  expect((await outboxEntries(page)).find((e) => e.id === lost).state).toBe('pending');
  // And the filing is still there (the reviewer can take it up): B's 404 hides, it does not lose.
  const review = await api(baseURL!, REVIEWER, `/api/review/filings/${filing.id}/decision`, {
    method: 'POST',
    body: JSON.stringify({ decision: 'review' }),
  });
  expect(review.status).toBe(200);
});

test('a 401 signs out and keeps the outbox; sending resumes after signing in again', async ({ page, baseURL }) => {
  await signIn(page, baseURL!, newPhone());
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('yidi:session')!);
    s.data.token = 'revoked-token';
    localStorage.setItem('yidi:session', JSON.stringify(s));
  });
  await settle(page);
  await seedOutbox(page, filingBody());
  await page.reload();
  await expect(page.getByText('登录已过期，请重新登录')).toBeVisible();
  await expect(page.getByTestId('account-link')).toHaveAttribute('data-signed-in', 'false');
  await expect(page.getByTestId('filing-status')).toContainText('待同步');
  expect(await page.evaluate(() => localStorage.getItem('yidi:session'))).toBeNull();

  const token = await signIn(page, baseURL!, newPhone());
  await expect(page.getByTestId('server-status')).toHaveText('已提交');
  expect((await api(baseURL!, token, '/api/filings')).body).toHaveLength(1);
});

test('one tab sends at a time: another tab holding the lock is told about, then takes over', async ({
  page,
  context,
  baseURL,
}) => {
  const token = await signIn(page, baseURL!, newPhone());
  // A second tab holds the outbox lock (as if it were draining).
  const other = await context.newPage();
  await other.goto(`${baseURL}/about`);
  await other.evaluate(() => {
    void navigator.locks.request('yidi-outbox', () => new Promise<void>((r) => ((window as any).__release = r)));
  });
  await settle(page);
  await seedOutbox(page, filingBody());
  await page.reload();
  await expect(page.getByTestId('other-tab-sync')).toBeVisible();
  await expect(page.getByTestId('filing-status')).toContainText('待同步');
  expect((await api(baseURL!, token, '/api/filings')).body).toHaveLength(0);

  await other.evaluate(() => (window as any).__release());
  await expect(page.getByTestId('server-status')).toHaveText('已提交', { timeout: 15_000 });
  await expect(page.getByTestId('other-tab-sync')).toHaveCount(0);
  expect((await api(baseURL!, token, '/api/filings')).body).toHaveLength(1);
});

test('a filing the server refuses (422) is shown with its reason and never retried', async ({ page, baseURL }) => {
  const token = await signIn(page, baseURL!, newPhone());
  await settle(page);
  await seedOutbox(page, { ...filingBody(), signature: '李四' });
  await page.reload();
  await expect(page.getByTestId('filing-status')).toContainText('提交被拒');
  await expect(page.getByTestId('outbox-refused')).toContainText('signature');
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.waitForTimeout(1_000);
  const [entry] = await outboxEntries(page);
  expect(entry.state).toBe('rejected');
  expect(entry.attempts).toBe(1);
  expect((await api(baseURL!, token, '/api/filings')).body).toHaveLength(0);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: 'test-results/screenshots/sync-refused-360.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

test('a refused submission comes back as a draft with the refused field marked; corrected, it is sent once', async ({
  page,
  baseURL,
}) => {
  const token = await signIn(page, baseURL!, newPhone());
  await settle(page);
  // Queued before the 告知书 reached the server: the server refuses it (422, notice_accepted).
  await seedOutbox(page, { ...filingBody(), notice_accepted: false });
  await page.reload();
  await expect(page.getByTestId('filing-status')).toContainText('提交被拒');
  await expect(page.getByTestId('outbox-refused')).toContainText('notice_accepted');

  await page.getByTestId('outbox-reopen').click();
  await expect(page).toHaveURL(/\/filings\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('draft-refused')).toBeVisible();
  // It opens on the refused field's step, the field marked, what was typed still there.
  await expect(page.locator('#notice_accepted')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#notice_accepted-error')).not.toBeEmpty();
  await expect(page.locator('#signature')).toHaveValue('张三');
  await page.screenshot({ path: 'test-results/screenshots/sync-refused-reopened.png', fullPage: true });
  // The refused entry left the outbox: nothing is sent twice.
  expect(await outboxEntries(page)).toHaveLength(0);

  await page.getByLabel('我已阅读并同意以上告知书').check();
  await expect(page.locator('#notice_accepted')).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: '6 核对提交' }).click();
  await expect(page.locator('dl.review')).toContainText('张三');
  await expect(page.locator('dl.review')).toContainText('11010519491231002X');
  await page.getByRole('button', { name: '提交备案申请' }).click();
  await expect(page.getByTestId('submitted-status')).toHaveText('待同步');

  await page.getByRole('navigation').getByRole('link', { name: '我的备案', exact: true }).click();
  await expect(page.getByTestId('server-filing')).toHaveCount(1);
  await expect(page.getByTestId('server-status')).toHaveText('已提交');
  await expect(page.getByTestId('draft-list')).not.toContainText('张三');
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.reload();
  await expect(page.getByTestId('server-filing')).toHaveCount(1);
  const list = await api(baseURL!, token, '/api/filings');
  expect(list.body).toHaveLength(1);
  expect(list.body[0].notice_accepted).toBe(true);
  expect(list.body[0].insured.name).toBe('张三');
});

test('the sign-in page at phone size', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('手机号').fill('12345');
  await page.getByTestId('signin-submit').click();
  await expect(page.locator('#signin-phone')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('手机号').fill(newPhone());
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('signin-dev-code')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/sync-sign-in.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
