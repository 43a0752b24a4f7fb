import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { pickRegion } from './support/filing_form';

// Accessibility checked by an outside tool: axe-core on every page (and every step of the two
// wizards, where the controls change), WCAG 2.0–2.2 levels A and AA. A violation fails with
// the rule, its help text and the offending elements, so the report says what to fix.

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function expectNoViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(summary, `axe on ${what}`).toEqual([]);
}

test.use({ serviceWorkers: 'block' });

test('the simple pages have no WCAG A/AA violations, in Chinese and in English', async ({ page }) => {
  for (const path of ['/', '/filings', '/sign-in', '/about', '/no-such-page']) {
    await page.goto(path);
    await expect(page.locator('h1')).toBeVisible();
    await expectNoViolations(page, path);
  }
  await page.goto('/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoViolations(page, '/ in English');
  await page.getByTestId('elder-mode-toggle').click();
  await expectNoViolations(page, '/ in English, elder mode');
});

test('every step of the check has no WCAG A/AA violations', async ({ page }) => {
  await page.goto('/check');
  await expectNoViolations(page, '/check step 1');
  await pickRegion(page, 'check-insured', '苏州', '江苏省 苏州市');
  await pickRegion(page, 'check-treatment', '广州', '广东省 广州市');
  await page.getByRole('button', { name: '下一步' }).click();
  await expectNoViolations(page, '/check step 2');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '查看结果' }).click();
  await expectNoViolations(page, '/check step 3 with its error');
  await page.getByLabel('退休后到外地安家（异地安置）').check();
  await page.getByRole('button', { name: '查看结果' }).click();
  await expect(page.getByTestId('check-result-category')).toBeVisible();
  await expectNoViolations(page, '/check result');
});

test('the estimate, with a result and with custom parameters, has no WCAG A/AA violations', async ({ page }) => {
  await page.goto('/estimate');
  await expectNoViolations(page, '/estimate empty');
  await pickRegion(page, 'est-insured', '北京', '北京市');
  await page.getByTestId('estimate-total').fill('20000');
  await expect(page.getByTestId('estimate-fund')).toBeVisible();
  await expectNoViolations(page, '/estimate with a result');
  await pickRegion(page, 'est-insured', '成都', '四川省 成都市');
  await expectNoViolations(page, '/estimate custom parameters');
});

test('every step of the filing form, errors showing, has no WCAG A/AA violations', async ({ page }) => {
  await page.goto('/filings/new');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.locator('#error-summary')).toBeVisible();
  await expectNoViolations(page, '/filings/new step 1 with errors');
  for (const step of ['2 参保与就医', '3 联系人', '4 材料', '5 告知与签名', '6 核对提交']) {
    await page.getByRole('button', { name: step }).click();
    await expectNoViolations(page, `/filings/new step ${step}`);
  }
  await page.getByRole('button', { name: '提交备案申请' }).click();
  await expect(page.locator('#error-summary')).toBeVisible();
  await expectNoViolations(page, '/filings/new review with every error');
});

test('the review console (/review) has no WCAG A/AA violations, signed out and signed in', async ({ page }) => {
  await page.goto('/review');
  await expect(page.getByLabel('审核令牌')).toBeVisible();
  await expectNoViolations(page, '/review sign-in');
  await page.getByRole('button', { name: '进入审核' }).click();
  await expectNoViolations(page, '/review sign-in with its error');
  await page.getByLabel('审核令牌').fill('e2e-reviewer-token');
  await page.getByRole('button', { name: '进入审核' }).click();
  await expect(page.getByRole('heading', { name: '待审核的备案' })).toBeVisible();
  await expect(page.getByTestId('review-queue').or(page.getByTestId('review-empty'))).toBeVisible();
  await expectNoViolations(page, '/review queue');
});
