import type { Page } from '@playwright/test';

// The controls a person uses, found the way they find them: the region pickers and the filing
// form's first two steps.

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
