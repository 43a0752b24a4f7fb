import { expect, test, type Page } from '@playwright/test';
import { waitForServiceWorker } from './support/service_worker';
import { fillEstimate, pickRegion } from './support/filing_form';

// Policy packs at run time: the server serves e2e/packs/150800-employee-2025.json (version 3, a
// test-only ratio of 90 %) over the bundled version 2 (80 %). After one online visit the app holds
// it and estimates with it offline; a pack the core refuses is never used.

const ID = '150800-employee-2025';

/** Waits until the app has kept a pack of this id and version on the device. */
async function waitForKeptPack(page: Page, id: string, version: number) {
  await page.waitForFunction(
    ([id, version]) => {
      const raw = localStorage.getItem('yidi:packs');
      if (!raw) return false;
      return JSON.parse(raw).data.packs.some((p: { json: string }) => {
        const pack = JSON.parse(p.json);
        return pack.id === id && pack.version === version;
      });
    },
    [id, version] as const,
  );
}

async function fillBayannurEstimate(page: Page, total: string) {
  await fillEstimate(page, ['巴彦淖尔', '内蒙古自治区 巴彦淖尔市'], 'active', 'long_term_resident', total);
}

test('a newer pack dropped into YIDI_PACKS_DIR is used offline after one online visit', async ({ page, context }) => {
  const list = await (await page.request.get('/api/policies')).json();
  expect(list.find((p: { id: string }) => p.id === ID).version).toBe(3);

  await page.goto('/estimate');
  await waitForServiceWorker(page);
  await waitForKeptPack(page, ID, 3);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('offline-badge')).toHaveAttribute('data-online', 'false');
  await fillBayannurEstimate(page, '10000');
  // (10000 − 1200) × 90 % with version 3; the bundled version 2 would give × 80 % = 7040.00.
  await expect(page.getByTestId('estimate-fund')).toHaveText('7920.00');
  const provenance = page.getByTestId('pack-provenance');
  await expect(provenance).toHaveAttribute('data-version', '3');
  await expect(provenance.getByTestId('pack-id')).toHaveText(`${ID} · 版本 3`);
  await expect(provenance.getByTestId('pack-updated')).toContainText('从服务器更新');
  await expect(provenance).toContainText('[OFF 2025]');
  await expect(provenance).toContainText('http://www.hjhq.gov.cn/');
  await provenance.screenshot({ path: 'test-results/packs-provenance-390.png' });
  await page.screenshot({ path: 'test-results/packs-estimate-offline-390.png', fullPage: true });

  await page.goto('/about');
  await expect(page.getByTestId('about-packs')).toContainText(`${ID} · 版本 3`);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: 'test-results/packs-about-offline-360.png', fullPage: true });
  await context.setOffline(false);
});

test('a pack the core refuses is not used, and the previous one stays', async ({ page }) => {
  // The server's list claims a version 9 of the 北京 pack, whose body is broken.
  await page.route('**/api/policies', async (route) => {
    const response = await route.fetch();
    const list = await response.json();
    for (const p of list) if (p.id === '110000-employee-2023') p.version = 9;
    await route.fulfill({ response, json: list, headers: { ...response.headers(), etag: '"e2e-broken"' } });
  });
  await page.route('**/api/policies/110000-employee-2023', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"id": "110000-employee-2023", "version": 9}' }),
  );
  await page.goto('/estimate');
  await expect(page.getByRole('alert').filter({ hasText: '110000-employee-2023 没有通过检查' })).toBeVisible();
  await pickRegion(page, 'est-insured', '北京', '北京市');
  await expect(page.getByTestId('pack-provenance')).toHaveAttribute('data-version', '1');
});

test("my region's policy: custom figures saved under a name and used again", async ({ page }) => {
  await page.goto('/estimate');
  await pickRegion(page, 'est-insured', '成都', '四川省 成都市');
  await pickRegion(page, 'est-treatment', '广州', '广东省 广州市');
  await page.getByTestId('estimate-total').fill('10000');
  await page.locator('#est-c-deductible').fill('1000');
  await page.locator('#est-band-0-pct').fill('80');
  // (10000 − 1000) × 80 %
  await expect(page.getByTestId('estimate-fund')).toHaveText('7200.00');
  const saved = page.getByTestId('saved-policies');
  await expect(saved).toContainText('12393');
  await saved.getByLabel('名称').fill('成都 职工（测试）');
  await saved.getByRole('button', { name: '保存这些参数' }).click();
  await expect(saved.getByRole('listitem')).toContainText('成都 职工（测试）');
  await expect(saved.getByRole('listitem')).toContainText('起付线 1000 元 · 1 段比例');

  // The page's inputs are autosaved (debounced); wait for them before reloading.
  await page.waitForFunction(() => (localStorage.getItem('yidi:estimate:current') ?? '').includes('"custom_deductible":"1000"'));
  await page.reload();
  await page.locator('#est-c-deductible').fill('');
  await page.locator('#est-band-0-pct').fill('');
  await page.getByRole('button', { name: '使用「成都 职工（测试）」' }).click();
  await expect(page.locator('#est-c-deductible')).toHaveValue('1000');
  await expect(page.getByTestId('estimate-fund')).toHaveText('7200.00');
  await page.setViewportSize({ width: 360, height: 780 });
  await saved.screenshot({ path: 'test-results/packs-saved-policies-360.png' });
  // The line under the name follows the language.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(saved.getByRole('listitem')).toContainText('Deductible 1000 yuan · 1 band');
  await saved.screenshot({ path: 'test-results/packs-saved-policies-360-en.png' });
});
