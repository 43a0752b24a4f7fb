import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { waitForServiceWorker } from './support/service_worker';
import { pickRegion } from './support/filing_form';

// /why, "为什么不能直接结算？": the three flows of issue 10, offline use, and phone-size screenshots.

interface Answers {
  visit?: string;
  emergency?: 'yes' | 'no';
  filing: string;
  situation?: string;
  networked: string;
  credential: string;
  insurance: string;
  stage: string;
}

/** 苏州 insured, in 广州 now; the rest as given, each picked by its labelled radio. */
async function answer(page: Page, a: Answers) {
  await pickRegion(page, 'why-insured', '苏州', '江苏省 苏州市');
  await pickRegion(page, 'why-treatment', '广州', '广东省 广州市');
  await page.locator(`#visit-${a.visit ?? 'inpatient'}`).check();
  await page.locator(`#emergency-${a.emergency ?? 'no'}`).check();
  await page.locator(`#filing-${a.filing}`).check();
  if (a.situation) await page.locator(`#situation-${a.situation}`).check();
  await page.locator(`#networked-${a.networked}`).check();
  await page.locator(`#credential-${a.credential}`).check();
  await page.locator(`#insurance-${a.insurance}`).check();
  await page.locator(`#stage-${a.stage}`).check();
  await page.getByTestId('why-see').click();
}

/** The diagnosis's outcome is `value` (core's code) and, where given, reads `text`. */
async function expectOutcome(page: Page, value: string, text?: string) {
  const outcome = page.getByTestId('diagnose-outcome');
  await expect(outcome).toHaveAttribute('data-value', value);
  if (text) await expect(outcome).toHaveText(text);
}

test.beforeEach(async ({ page }) => {
  // Each flow starts from a clean device: no saved answers, no ticks.
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('home links to /why, and "不知道" is the default answer', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('home-why').click();
  await expect(page).toHaveURL(/\/why$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('为什么不能直接结算？');
  await expect(page.locator('#networked-unknown')).toBeChecked();
  // Required answers missing: a message, no result.
  await page.getByTestId('why-see').click();
  await expect(page.getByTestId('why-missing')).toHaveText('请选择参保地');
  await expect(page.getByTestId('diagnose-outcome')).toHaveCount(0);
});

test("the check's result links to /why", async ({ page }) => {
  await page.goto('/check');
  await pickRegion(page, 'check-insured', '苏州', '江苏省 苏州市');
  await pickRegion(page, 'check-treatment', '广州', '广东省 广州市');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('旅游、探亲、出差时看病，或其他临时外出').check();
  await page.getByRole('button', { name: '查看结果' }).click();
  await page.getByTestId('check-why').click();
  await expect(page).toHaveURL(/\/why$/);
  await expect(page.getByTestId('why-see')).toBeVisible();
});

test('unfiled and in hospital: file now, into a prefilled filing', async ({ page }) => {
  await page.goto('/why');
  await answer(page, {
    filing: 'none', situation: 'travel', networked: 'yes', credential: 'yes', insurance: 'yes', stage: 'in_hospital',
  });
  await expectOutcome(page, 'direct_after_fix', '办好下面的事，就能直接结算');
  await expect(page.getByTestId('diagnose-next-step')).toContainText('补办备案');
  await expect(page.getByTestId('finding-filing')).toHaveAttribute('data-status', 'blocker');
  await expect(page.getByTestId('finding-institution')).toHaveAttribute('data-status', 'ok');
  await page.getByTestId('why-start-filing').click();
  await expect(page).toHaveURL(/\/filings\/new\?insured_region=320500&treatment_region=440100&category=other_temporary/);
  await page.getByRole('button', { name: '2 参保与就医' }).click();
  await expect(page.locator('#insured_region-city')).toHaveValue('320500');
  await expect(page.locator('#treatment_region-city')).toHaveValue('440100');
  await expect(page.locator('#category')).toHaveValue('other_temporary');
});

test('paid already: the manual-claim checklist, ticked, is still there after a reload offline', async ({ page, context }) => {
  await page.goto('/why');
  await waitForServiceWorker(page);
  await answer(page, {
    filing: 'none', networked: 'yes', credential: 'yes', insurance: 'yes', stage: 'settled_paid_self',
  });
  await expectOutcome(page, 'manual_claim');
  const list = page.getByTestId('claim-checklist');
  await expect(list).toContainText('参保地（苏州市）的医保经办机构');
  await expect(list).toContainText('12393');
  for (const item of ['invoice_original', 'itemised_bill', 'discharge_summary', 'diagnosis_certificate', 'id_and_card', 'bank_card', 'late_filing_record']) {
    await expect(page.getByTestId(`claim-item-${item}`)).not.toBeChecked();
  }
  await page.getByLabel('医疗费用发票原件').check();
  await page.getByLabel('本人银行卡（用于收报销款）').check();
  await expect(page.getByTestId('claim-progress')).toHaveText('已备好 2 / 7 项');
  await expect(page.getByTestId('why-open-estimate')).toHaveAttribute(
    'href', '/estimate?insured_region=320500&treatment_region=440100&visit=inpatient',
  );

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('offline-badge')).toHaveAttribute('data-online', 'false');
  await expectOutcome(page, 'manual_claim');
  await expect(page.getByTestId('claim-item-invoice_original')).toBeChecked();
  await expect(page.getByTestId('claim-item-bank_card')).toBeChecked();
  await expect(page.getByTestId('claim-item-itemised_bill')).not.toBeChecked();
  await expect(page.getByTestId('claim-progress')).toHaveText('已备好 2 / 7 项');
  // Unticking is kept too.
  await page.getByTestId('claim-item-bank_card').uncheck();
  await page.reload();
  await expect(page.getByTestId('claim-item-bank_card')).not.toBeChecked();
  await expect(page.getByTestId('claim-item-invoice_original')).toBeChecked();
  await context.setOffline(false);

  // One tap to the estimate with the regions filled in.
  await page.getByTestId('why-open-estimate').click();
  await expect(page).toHaveURL(/\/estimate\?/);
  await expect(page.locator('#est-insured-city')).toHaveValue('320500');
  await expect(page.locator('#est-treatment-city')).toHaveValue('440100');
});

test('an emergency settles directly without a filing', async ({ page }) => {
  await page.goto('/why');
  await answer(page, {
    emergency: 'yes', filing: 'none', networked: 'yes', credential: 'yes', insurance: 'yes', stage: 'in_hospital',
  });
  await expectOutcome(page, 'direct', '可以直接结算');
  await expect(page.getByTestId('finding-filing')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('finding-filing')).toContainText('视同已经备案');
  await expect(page.getByTestId('why-start-filing')).toHaveCount(0);
  await expect(page.getByTestId('claim-checklist')).toHaveCount(0);
});

test('an unknown says how to find out', async ({ page }) => {
  await page.goto('/why');
  await answer(page, {
    filing: 'in_effect', networked: 'unknown', credential: 'yes', insurance: 'yes', stage: 'in_hospital',
  });
  await expectOutcome(page, 'unknown');
  const institution = page.getByTestId('finding-institution');
  await expect(institution).toHaveAttribute('data-status', 'unknown');
  await expect(institution).toContainText('国家医保服务平台');
  await expect(institution).toContainText('医保办');
  await expect(institution).toContainText('12393');
});

test('answers saved by the first version (strings) come back typed', async ({ page }) => {
  // Version 1 kept the fourteen answers as one array of strings.
  const v1 = {
    v: 1,
    data: {
      fields: ['320500', '440100', 'inpatient', 'unknown', 'unknown', 'no', 'none', 'same', '', 'travel', 'yes', 'yes', 'yes', 'in_hospital'],
      shown: false,
    },
  };
  await page.evaluate((v) => localStorage.setItem('yidi:why-answers', JSON.stringify(v)), v1);
  await page.goto('/why');
  await expect(page.locator('#why-insured-city')).toHaveValue('320500');
  await expect(page.locator('#why-treatment-city')).toHaveValue('440100');
  for (const id of ['visit-inpatient', 'emergency-no', 'filing-none', 'situation-travel', 'networked-yes', 'credential-yes', 'insurance-yes', 'stage-in_hospital']) {
    await expect(page.locator(`#${id}`)).toBeChecked();
  }
  await page.getByTestId('why-see').click();
  await expectOutcome(page, 'direct_after_fix');
  await expect(page.getByTestId('why-start-filing')).toHaveAttribute('href', /category=other_temporary/);
});

test('saved answers that cannot be read are set aside, and the page starts afresh', async ({ page }) => {
  const bad = { v: 1, data: { fields: ['320500', '440100', 'teleport', '', '', '', '', '', '', '', '', '', '', ''], shown: true } };
  await page.evaluate((v) => localStorage.setItem('yidi:why-answers', JSON.stringify(v)), bad);
  await page.goto('/why');
  await expect(page.getByTestId('why-see')).toBeVisible();
  await expect(page.locator('#networked-unknown')).toBeChecked();
  await expect(page.locator('#visit-inpatient')).not.toBeChecked();
  const setAside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('yidi:corrupt:')));
  expect(setAside).toHaveLength(1);
  expect(setAside[0]).toMatch(/:yidi:why-answers$/);
});

test('English labels around the Chinese rules', async ({ page }) => {
  await page.goto('/why');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Why can't I settle directly?");
  await expect(page.getByText("Don't know").first()).toBeVisible();
});

test('/why at 360 px, normal and elder mode, online and offline', async ({ page, context }) => {
  mkdirSync('test-results/screenshots', { recursive: true });
  const shot = (name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  // What a phone shows without scrolling, and the checklist scrolled into view.
  const screen = (name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/why');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('offline-badge')).toHaveAttribute('data-online', 'false');
  await shot('why-questions');
  await answer(page, {
    filing: 'none', networked: 'no', credential: 'yes', insurance: 'yes', stage: 'in_hospital',
  });
  await expectOutcome(page, 'manual_claim');
  await page.getByLabel('医疗费用发票原件').check();
  await shot('why-manual-claim');
  await screen('why-manual-claim-top');
  await page.getByTestId('claim-checklist').scrollIntoViewIfNeeded();
  await screen('why-checklist');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.getByTestId('elder-mode-toggle').click();
  await shot('why-manual-claim-elder');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screen('why-manual-claim-elder-top');
  await page.getByTestId('claim-checklist').scrollIntoViewIfNeeded();
  await screen('why-checklist-elder');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole('button', { name: '修改回答' }).click();
  await shot('why-questions-elder');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await context.setOffline(false);
});
