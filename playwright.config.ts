import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium';

// The suite runs against the release server (target/release/yidi-server) serving dist/, with a
// fresh SQLite file, on a loopback port. scripts/test.sh builds both before running this.
const port = Number(process.env.YIDI_E2E_PORT ?? 18480);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two cores: one browser at a time keeps timings sane for the server and Chromium.
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    serviceWorkers: 'allow',
    launchOptions: chromiumLaunchOptions,
  },
  // The suite runs twice: with the phone in China, and with the phone far from it (the app's
  // "today" is China's either way; dates must not drift with the phone's time zone). The
  // accessibility scan does not depend on the zone, and timezone.spec sets its own: once is enough.
  projects: [
    { name: 'china', use: { timezoneId: 'Asia/Shanghai' } },
    {
      name: 'los-angeles',
      use: { timezoneId: 'America/Los_Angeles' },
      testIgnore: /(a11y|timezone)\.spec\.ts/,
    },
  ],
  webServer: {
    command:
      'rm -f test-results/e2e.db test-results/e2e.db-wal test-results/e2e.db-shm && mkdir -p test-results && exec target/release/yidi-server',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      YIDI_ADDR: `127.0.0.1:${port}`,
      YIDI_DATABASE_URL: 'sqlite://test-results/e2e.db',
      YIDI_DIST: 'dist',
      YIDI_DEV_CODES: '1',
      YIDI_REVIEWER_TOKEN: 'e2e-reviewer-token',
      YIDI_DATA_KEY: 'e2e0'.repeat(16),
      // A newer version of a bundled pack, as a maintainer would drop it in (e2e/packs.spec.ts).
      YIDI_PACKS_DIR: 'e2e/packs',
    },
  },
});
