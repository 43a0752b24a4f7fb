import { expect, type Page } from '@playwright/test';

/**
 * Waits until a service worker controls the page, as after a person's first online visit.
 *
 * The worker installs (precaching every asset) and then claims the page; on a loaded machine the
 * claim can come after `navigator.serviceWorker.ready`, and a test waiting only for the
 * `controllerchange` event then waits forever. So: wait for an active worker, and if it has not
 * claimed the page yet, reload once — a page loaded under an active worker is always controlled.
 */
export async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(
    async () => Boolean((await navigator.serviceWorker.getRegistration())?.active),
    null,
    { polling: 250, timeout: 45_000 },
  );
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
  }
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}
