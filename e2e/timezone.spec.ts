import { expect, test } from '@playwright/test';

// "Today" is China's civil date wherever the phone is. At 17:00 UTC on 30 November 2026 it is
// already 1 December in China and still 30 November in Los Angeles: a start date a year after
// China's today is the last one the server accepts, and the form must accept it too.
test.use({ timezoneId: 'America/Los_Angeles', serviceWorkers: 'block' });

test("the filing form checks dates against China's today, not the phone's", async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-30T17:00:00Z'));
  await page.goto('/filings/new');
  await page.getByRole('button', { name: '2 参保与就医' }).click();
  const start = page.locator('#start_date');
  await start.fill('2027-12-01');
  await expect(start).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('#start_date-error')).toBeEmpty();
  // One day further is past the one-year window in China too.
  await start.fill('2027-12-02');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#start_date-error')).toContainText('晚于一年后');
});
