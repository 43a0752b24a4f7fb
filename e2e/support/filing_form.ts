import { expect, type Page } from '@playwright/test';
import { startDate } from './citizen';

// The controls a person uses, found the way they find them: the region pickers, the estimate
// form and the filing form's steps.

/**
 * The estimate page for an employee-scheme `person` insured in `insured` ([search, city]),
 * in a 三级 hospital in 广州, first stay this year, filed as `filing`, with a bill of `total`.
 */
export async function fillEstimate(
  page: Page,
  insured: [string, string],
  person: string,
  filing: string,
  total: string,
) {
  await pickRegion(page, 'est-insured', insured[0], insured[1]);
  await pickRegion(page, 'est-treatment', '广州', '广东省 广州市');
  await page.locator('#est-scheme').selectOption('employee');
  await page.locator('#est-person').selectOption(person);
  await page.locator('#est-level').selectOption('3');
  await page.locator('#est-admission').fill('1');
  await page.locator('#est-filing').selectOption(filing);
  await page.getByTestId('estimate-total').fill(total);
}

/** Types into a region picker's search and picks the matching city. */
export async function pickRegion(page: Page, pickerId: string, query: string, choice: string) {
  await page.locator(`#${pickerId}-search`).fill(query);
  await page.getByRole('button', { name: choice, exact: true }).click();
}

/**
 * Step 1 of the filing form for an insured person filing for themself, then step 2: insured in
 * `insured` ([search, city]), treated in Guangzhou, employee scheme, `category`. The start date
 * is left to the caller.
 */
export async function fillWhoAndWhere(page: Page, name: string, insured: [string, string], category: string) {
  await page.locator('#insured-name').fill(name);
  await page.locator('#insured-id_number').fill('11010519491231002X');
  await page.locator('#insured-phone').fill('13800138000');
  await page.getByRole('button', { name: '下一步' }).click();
  await pickRegion(page, 'insured_region', insured[0], insured[1]);
  await pickRegion(page, 'treatment_region', '广州', '广东省 广州市');
  await page.locator('#scheme').selectOption('employee');
  await page.locator('#category').selectOption(category);
}

/**
 * Steps 1–3 of the filing form for a resettled retiree (张三, insured in 苏州, contact 李四),
 * up to the papers step.
 */
export async function fillToPapers(page: Page) {
  await fillWhoAndWhere(page, '张三', ['苏州', '江苏省 苏州市'], 'resettled_retiree');
  await page.locator('#start_date').fill(startDate());
  await page.getByRole('button', { name: '下一步' }).click();
  await page.locator('#contact-name').fill('李四');
  await page.locator('#contact-phone').fill('13900139000');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { name: '需要的材料' })).toBeVisible();
}

/** From the papers step: accept the notice, sign as `signer`, submit; it waits in the outbox. */
export async function signAndSubmit(page: Page, signer = '张三') {
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('我已阅读并同意以上告知书').check();
  await page.locator('#signature').fill(signer);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '提交备案申请' }).click();
  await expect(page.getByTestId('submitted-status')).toHaveText('待同步');
}
