import type { LaunchOptions } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download is unreachable here. As root it needs
// --no-sandbox; the rest keep it from reaching for the (closed) network at start-up.
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
