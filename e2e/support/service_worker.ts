import { expect, type Page } from '@playwright/test';

/**
 * Waits until a service worker controls the page, as after a person's first online visit.
 *
 * The worker installs (precaching every asset), activates and then claims the page; on a loaded
 * machine the claim can come late, and a test waiting only for the `controllerchange` event then
 * waits forever. So: wait until the worker is activated (not merely activating), and while the
 * page is not controlled, reload it — a page loaded under an activated worker is controlled.
 */
export async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(
    async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
    null,
    { polling: 250, timeout: 45_000 },
  );
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  await expect(async () => {
    if (!(await controlled())) await page.reload();
    expect(await controlled()).toBe(true);
  }).toPass({ timeout: 30_000 });
}
