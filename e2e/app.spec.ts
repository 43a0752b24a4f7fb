import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { waitForServiceWorker } from './support/service_worker';
import { fillEstimate, fillWhoAndWhere, pickRegion, signAndSubmit } from './support/filing_form';

// Page helpers: data-testid hooks and the labelled controls, the way a person finds them.

/** What `yidi estimate` says for a request: the expected figures come from the CLI itself. */
function cliEstimate(request: object): { fund: string; personal: string } {
  const bin = ['target/release/yidi', 'target/debug/yidi'].find((p) => existsSync(p));
  if (!bin) throw new Error('build the CLI first: cargo build -p yidi-cli');
  const out = execFileSync(bin, ['estimate'], { input: JSON.stringify(request) });
  return JSON.parse(out.toString());
}

async function fillBeijingEstimate(page: Page, total: string) {
  await fillEstimate(page, ['北京', '北京市'], 'retired', 'resettled_retiree', total);
}

const beijingRequest = (total: string) => ({
  policy: '110000-employee-2023',
  insured_region: '110000',
  treatment_region: '440100',
  scheme: 'employee',
  person: 'retired',
  visit: 'inpatient',
  hospital_level: 3,
  admission: 1,
  filing: 'resettled_retiree',
  bill: { total },
});

test('an emergency check shows 视同备案', async ({ page }) => {
  await page.goto('/check');
  await pickRegion(page, 'check-insured', '苏州', '江苏省 苏州市');
  await pickRegion(page, 'check-treatment', '广州', '广东省 广州市');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('职工基本医疗保险').check();
  await page.getByLabel('退休', { exact: true }).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('在外地突发急病、急诊抢救').check();
  await page.getByRole('button', { name: '查看结果' }).click();
  await expect(page.getByTestId('check-result-category')).toContainText('异地急诊抢救人员');
  await expect(page.getByTestId('check-treated-as-filed')).toContainText('视同备案');
  await expect(page.getByTestId('check-treated-as-filed')).toHaveAttribute('data-value', 'true');
});

test('an estimate shows the exact fund amount of `yidi estimate`', async ({ page }) => {
  const expected = cliEstimate(beijingRequest('23456.78'));
  await page.goto('/estimate');
  await fillBeijingEstimate(page, '23456.78');
  await expect(page.getByTestId('estimate-fund')).toHaveText(expected.fund);
  await expect(page.getByTestId('estimate-personal')).toHaveText(expected.personal);
  // Live: another keystroke, another result, no button.
  const again = cliEstimate(beijingRequest('234567.8'));
  await page.getByTestId('estimate-total').fill('234567.8');
  await expect(page.getByTestId('estimate-fund')).toHaveText(again.fund);
});

test('a draft survives a reload and a new browser context with the same storage', async ({ page, browser }) => {
  await page.goto('/filings/new');
  await page.locator('#insured-name').fill('王秀英');
  await page.locator('#insured-phone').fill('13800138000');
  await expect(page.getByTestId('autosave')).toContainText('已自动保存');
  await expect(page).toHaveURL(/\/filings\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.locator('#insured-name')).toHaveValue('王秀英');
  await expect(page.locator('#insured-phone')).toHaveValue('13800138000');

  const state = await page.context().storageState();
  const other = await browser.newContext({ storageState: state });
  const page2 = await other.newPage();
  await page2.goto('/filings');
  await expect(page2.getByTestId('draft-list')).toContainText('王秀英');
  await page2.getByRole('link', { name: '继续填写' }).first().click();
  await expect(page2.locator('#insured-name')).toHaveValue('王秀英');
  await other.close();
});

test('after one online visit, /estimate reloads and computes with the network off', async ({ page, context }) => {
  await page.goto('/estimate');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('offline-badge')).toHaveAttribute('data-online', 'false');
  await fillBeijingEstimate(page, '20000');
  await expect(page.getByTestId('estimate-fund')).toHaveText(cliEstimate(beijingRequest('20000')).fund);
  // The other offline routes load too.
  for (const path of ['/', '/check', '/filings']) {
    await page.goto(path);
    await expect(page.getByTestId('offline-badge')).toBeVisible();
  }
  await context.setOffline(false);
});

test('a new version is offered, and taken only on consent', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const original = readFileSync('dist/sw.js');
  try {
    // A new deployment: the worker script changes byte-wise.
    appendFileSync('dist/sw.js', `\n// e2e: new version ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByRole('button', { name: '新版本可用，点击刷新' });
    await expect(prompt).toBeVisible();
    const reloaded = page.waitForEvent('load');
    await prompt.click();
    await reloaded;
    await expect(page.getByTestId('offline-badge')).toBeVisible();
    await expect(page.getByRole('button', { name: '新版本可用，点击刷新' })).toHaveCount(0);
  } finally {
    writeFileSync('dist/sw.js', original);
  }
});

test('the web app manifest is linked once the app has started, and Chromium reads its icon', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body > header.top')).toBeVisible();
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  const parsed = JSON.parse(manifest.data);
  expect(parsed.name).toBe('异地就医助手');
  // The icon is inline (no request racing the first paint), here and as the page's favicon.
  const icon = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return { width: img.naturalWidth, favicon: document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href };
  }, parsed.icons[0].src);
  expect(icon.width).toBeGreaterThan(0);
  expect(icon.favicon).toBe(parsed.icons[0].src);
});

test('before the wasm runs, a page that shows what the phone keeps is blank, not "no such page"', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const path of ['/filings', '/filings/new', '/why', '/sign-in', '/review', '/review/7']) {
    await page.goto(path);
    await expect(page.locator('body > [data-prerender]'), path).toHaveCount(0);
    await expect(page.getByText('没有这个页面'), path).toHaveCount(0);
  }
  // A path the app does not know still gets its prerendered not-found view.
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: '没有这个页面' })).toBeVisible();
  await context.close();
});

test('elder mode persists across reloads', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByTestId('elder-mode-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveClass(/elder/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/elder/);
  await expect(page.getByTestId('elder-mode-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('elder-mode-toggle').click();
  await expect(page.locator('html')).not.toHaveClass(/elder/);
});

test('the English switch translates the shell and is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('h1')).toHaveText('Medical care away from home');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Medical care away from home');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(page.locator('h1')).toHaveText('异地就医助手');
});

test('a submitted filing lands in the outbox as 待同步', async ({ page }) => {
  await page.goto('/filings/new');
  await fillWhoAndWhere(page, '王秀英', ['北京', '北京市'], 'long_term_resident');
  const start = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);
  await page.locator('#start_date').fill(start);
  await page.getByRole('button', { name: '下一步' }).click();
  // A bad phone shows a Chinese error tied to the input.
  await page.locator('#contact-name').fill('李四');
  await page.locator('#contact-phone').fill('12345');
  await expect(page.locator('#contact-phone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#contact-phone-error')).not.toBeEmpty();
  await page.locator('#contact-phone').fill('13900139000');
  await expect(page.locator('#contact-phone')).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('暂时没有这些材料，签署个人承诺书代替').check();
  await signAndSubmit(page, '王秀英');
  await page.goto('/filings');
  await expect(page.getByTestId('filing-status').first()).toContainText('待同步');
  const outbox = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('yidi:outbox:'))
      .map((k) => JSON.parse(localStorage.getItem(k)!).data),
  );
  expect(outbox).toHaveLength(1);
  expect(outbox[0].idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
  expect(outbox[0].body.insured.id_number).toBe('11010519491231002X');
});

test('screenshots of every page at phone size', async ({ page }) => {
  mkdirSync('test-results/screenshots', { recursive: true });
  const shot = (name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  await page.goto('/');
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  await shot('home');
  await page.goto('/check');
  await shot('check-1-regions');
  await pickRegion(page, 'check-insured', '苏州', '江苏省 苏州市');
  await pickRegion(page, 'check-treatment', '广州', '广东省 广州市');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('退休后到外地安家（异地安置）').check();
  await shot('check-3-situation');
  await page.getByRole('button', { name: '查看结果' }).click();
  await expect(page.getByTestId('check-result-category')).toBeVisible();
  await shot('check-4-result');
  await page.goto('/estimate');
  await fillBeijingEstimate(page, '20000');
  await expect(page.getByTestId('estimate-fund')).toBeVisible();
  await shot('estimate');
  await pickRegion(page, 'est-insured', '成都', '四川省 成都市');
  await shot('estimate-custom');
  await page.goto('/filings/new');
  await page.getByRole('button', { name: '下一步' }).click();
  await shot('filing-1-errors');
  await fillWhoAndWhere(page, '王秀英', ['北京', '北京市'], 'resettled_retiree');
  await shot('filing-2-where');
  await page.getByRole('button', { name: '3 联系人' }).click();
  await page.getByRole('button', { name: '4 材料' }).click();
  await shot('filing-4-materials');
  await page.getByRole('button', { name: '5 告知与签名' }).click();
  await shot('filing-5-sign');
  await page.getByRole('button', { name: '6 核对提交' }).click();
  await page.getByRole('button', { name: '提交备案申请' }).click();
  await shot('filing-6-review-errors');
  await expect(page.getByTestId('autosave')).toContainText('已自动保存');
  await page.goto('/filings');
  await expect(page.getByTestId('draft-list')).toContainText('王秀英');
  await page.getByRole('button', { name: '删除' }).first().click();
  await shot('filings');
  await page.goto('/sign-in');
  await shot('sign-in');
  await page.goto('/about');
  await shot('about');
  await page.goto('/no-such-page');
  await shot('not-found');
  await page.goto('/');
  await page.getByTestId('elder-mode-toggle').click();
  await shot('home-elder');
  await page.goto('/estimate');
  await shot('estimate-elder');
});
