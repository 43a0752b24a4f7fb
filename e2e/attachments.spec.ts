import { expect, test, type Page } from '@playwright/test';
import { fillToPapers, signAndSubmit } from './support/filing_form';
import { startServer, type YidiServer } from './support/server';
import { waitForServiceWorker } from './support/service_worker';
import { newPhone, outboxEntries, signIn, startDate } from './support/citizen';

// Issue 11: proof materials from the phone's camera, kept offline and uploaded exactly once, and
// the office's review console. Each test runs its own release server, so it can kill it.

const REVIEWER = 'e2e-reviewer-token';
/** A marker inside the test photo's EXIF block: if it reaches the server, EXIF did too. */
const GPS_MARKER = 'YIDI-GPS-31.2989N-120.5853E';

/**
 * A phone-camera-like JPEG made in the page with canvas (`w`×`h`, gradients and grain, so it
 * compresses like a photo rather than like a flat colour), with an EXIF APP1 block carrying
 * [GPS_MARKER] inserted after the SOI marker, as a camera writes it.
 */
async function photo(page: Page, w = 4032, h = 3024, seed = 1): Promise<Buffer> {
  const b64 = await page.evaluate(
    async ({ w, h, seed, marker }) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const g = c.getContext('2d')!;
      const grad = g.createLinearGradient(0, 0, w, h);
      grad.addColorStop(0, `hsl(${seed * 47} 60% 70%)`);
      grad.addColorStop(1, `hsl(${seed * 91} 50% 30%)`);
      g.fillStyle = grad;
      g.fillRect(0, 0, w, h);
      const img = g.getImageData(0, 0, w, h);
      let x = seed * 2654435761;
      for (let i = 0; i < img.data.length; i += 4) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        const n = (x % 48) - 24;
        img.data[i] += n;
        img.data[i + 1] += n;
        img.data[i + 2] += n;
      }
      g.putImageData(img, 0, 0);
      g.fillStyle = '#000';
      g.font = `${Math.round(h / 12)}px sans-serif`;
      g.fillText(`户口簿 ${seed}`, w / 10, h / 2);
      const blob: Blob = await new Promise((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.92));
      const jpeg = new Uint8Array(await blob.arrayBuffer());
      // APP1 "Exif\0\0", big-endian TIFF header, an empty IFD, then the marker.
      const enc = new TextEncoder();
      const payload = [
        ...enc.encode('Exif\0\0'),
        ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0],
        ...enc.encode(marker),
      ];
      const len = payload.length + 2;
      const app1 = [0xff, 0xe1, len >> 8, len & 0xff, ...payload];
      const out = new Uint8Array(jpeg.length + app1.length);
      out.set(jpeg.subarray(0, 2), 0);
      out.set(app1, 2);
      out.set(jpeg.subarray(2), 2 + app1.length);
      let s = '';
      for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { w, h, seed, marker: GPS_MARKER },
  );
  return Buffer.from(b64, 'base64');
}

async function api(base: string, token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  return res;
}

/** The files kept in IndexedDB: [{material, type, bytes, exif}] (exif: the marker is in the bytes). */
async function storedFiles(page: Page, marker = GPS_MARKER) {
  return page.evaluate(async (marker) => {
    const db: IDBDatabase = await new Promise((ok, err) => {
      const r = indexedDB.open('yidi');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => err(r.error);
    });
    if (!db.objectStoreNames.contains('attachments')) return [];
    const all: any[] = await new Promise((ok) => {
      const r = db.transaction('attachments').objectStore('attachments').getAll();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    const out = [];
    for (const a of all) {
      const text = new TextDecoder('latin1').decode(await a.blob.arrayBuffer());
      const bmp = await createImageBitmap(a.blob);
      out.push({ material: a.material, type: a.type, bytes: a.bytes, exif: text.includes('Exif') || text.includes(marker), w: bmp.width, h: bmp.height });
    }
    return out;
  }, marker);
}

async function attach(page: Page, material: string, file: Buffer, name: string) {
  const before = await page.getByTestId(`attach-${material}`).getByTestId('attached').count();
  await page
    .getByTestId(`attach-camera-input-${material}`)
    .setInputFiles({ name, mimeType: 'image/jpeg', buffer: file });
  await expect(page.getByTestId(`attach-${material}`).getByTestId('attached')).toHaveCount(before + 1);
}

/**
 * The phone's network, through one CDP session (Chromium's network emulation): offline, online,
 * or online on a slow line with DevTools' "Fast 3G" figures (150 ms ×3.75, 1.6 Mbps down,
 * 750 kbps up, ×0.9). One session for every change: Playwright's setOffline is a second session
 * whose "offline" would outlast this one's "online".
 */
async function network(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const set = (offline: boolean, slow: boolean) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline,
      latency: slow ? 150 * 3.75 : 0,
      downloadThroughput: slow ? ((1.6 * 1024 * 1024) / 8) * 0.9 : -1,
      uploadThroughput: slow ? ((750 * 1024) / 8) * 0.9 : -1,
    });
  return {
    offline: () => set(true, false),
    online: () => set(false, false),
    /** Back online on a slow line, in one step (the sync starts at once). */
    fast3g: () => set(false, true),
  };
}

async function reviewerSignIn(page: Page) {
  await page.getByLabel('审核令牌').fill(REVIEWER);
  await page.getByRole('button', { name: '进入审核' }).click();
  await expect(page.getByRole('heading', { name: '待审核的备案' })).toBeVisible();
}

async function reviewerDecides(page: Page, base: string, decision: '通过' | '退回补正', reason?: string) {
  // The token stays for the tab's session: signed in once, the console opens on the queue.
  await page.goto(`${base}/review`);
  const form = page.getByLabel('审核令牌');
  await expect(form.or(page.getByRole('heading', { name: '待审核的备案' }))).toBeVisible();
  if (await form.isVisible()) await reviewerSignIn(page);
  await page.getByTestId('review-item').first().click();
  await expect(page.getByTestId('review-image')).toHaveCount(2);
  for (const img of await page.getByTestId('review-image').all()) {
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  }
  await page.getByLabel(decision, { exact: true }).check();
  if (reason) await page.getByRole('button', { name: reason }).click();
  await page.getByTestId('decision-submit').click();
}

test.use({ viewport: { width: 360, height: 800 } });

test.describe('proof materials', () => {
  let server: YidiServer;
  test.beforeEach(async () => {
    server = await startServer();
  });
  test.afterEach(async () => {
    await server.dispose();
  });

  /** A new person signed in on `base`, the service worker in control, the form at its papers step. */
  async function signedInAtPapers(page: Page, base: string): Promise<string> {
    const token = await signIn(page, base, newPhone());
    await waitForServiceWorker(page);
    await page.goto(`${base}/filings/new`);
    await fillToPapers(page);
    return token;
  }

  test('photos attached offline survive a reload, sync once through a killed server, and go through a return and an approval', async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    const base = server.url;
    const token = await signedInAtPapers(page, base);
    const [p1, p2] = [await photo(page, 4032, 3024, 1), await photo(page, 3024, 4032, 2)];
    expect(p1.includes(Buffer.from(GPS_MARKER))).toBe(true);

    const net = await network(page);
    await net.offline();
    await expect(page.getByTestId('offline-badge')).toHaveAttribute('data-online', 'false');
    await attach(page, 'hukou_first_page', p1, 'IMG_0001.jpg');
    await attach(page, 'household_register_page', p2, 'IMG_0002.jpg');
    await expect(page.getByLabel('户口簿首页', { exact: true })).toBeChecked();
    // The previews are the stored photos (object URLs of the IndexedDB blobs).
    for (const img of await page.locator('img.thumb').all()) {
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    }
    await page.screenshot({ path: 'test-results/screenshots/attach-360.png', fullPage: true });

    // Offline reload (the service worker serves the app): the photos are still there.
    await page.reload();
    await page.locator('.steps button').nth(3).click();
    await expect(page.getByTestId('attached')).toHaveCount(2);
    const kept = await storedFiles(page);
    expect(kept).toHaveLength(2);
    for (const f of kept) {
      expect(f.type).toBe('image/jpeg');
      expect(f.exif).toBe(false);
      expect(Math.max(f.w, f.h)).toBeLessThanOrEqual(1600);
      expect(f.bytes).toBeLessThanOrEqual(450 * 1024);
    }
    console.log(
      `[measure] phone photo ${p1.length} B (4032×3024 JPEG) → ${kept.find((f) => f.material === 'hukou_first_page')!.bytes} B after downscaling (1600×1200)`,
    );
    await signAndSubmit(page);

    // Online, on a slow line; the server dies once the first file is up (the second is on its way).
    await net.fast3g();
    await expect.poll(async () => (await outboxEntries(page))[0]?.attachments?.[0]?.id ?? null, { timeout: 60_000, intervals: [50] }).not.toBeNull();
    await server.stop(true);
    await expect.poll(async () => (await outboxEntries(page))[0].attempts, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const cut = (await outboxEntries(page))[0];
    expect(cut.state).toBe('pending');
    await server.restart();
    // Off and on again, unthrottled (the app retries at once when the network returns).
    await net.offline();
    await net.online();
    await expect.poll(async () => (await outboxEntries(page))[0].state, { timeout: 60_000 }).toBe('synced');
    const [entry] = await outboxEntries(page);

    const filings = await (await api(base, token, '/api/filings')).json();
    expect(filings).toHaveLength(1);
    const refs = filings[0].attachments as { material: string; id: string }[];
    expect(refs.map((r) => r.material).sort()).toEqual(['household_register_page', 'hukou_first_page']);
    expect(new Set(refs.map((r) => r.id)).size).toBe(2);
    expect(entry.attachments.map((a: any) => a.id).sort()).toEqual(refs.map((r) => r.id).sort());
    for (const r of refs) {
      const res = await api(base, token, `/api/attachments/${r.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('no-store');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.includes(Buffer.from(GPS_MARKER))).toBe(false);
      // One stored copy: the same bytes again are the same attachment (200, not a new 201).
      const again = await api(base, token, '/api/attachments', {
        method: 'POST',
        headers: { 'Content-Type': 'image/jpeg' },
        body: bytes,
      });
      expect(again.status).toBe(200);
      expect((await again.json()).id).toBe(r.id);
    }
    // The phone's copies went once the server had them.
    expect(await storedFiles(page)).toHaveLength(0);

    // The office returns it with a ready-made reason.
    const office = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await reviewerDecides(office, base, '退回补正', '材料不清晰');
    await expect(office.getByTestId('server-status')).toHaveText('已退回');
    await expect(office.getByTestId('review-image')).toHaveCount(2);
    await office.screenshot({ path: 'test-results/screenshots/review-360.png', fullPage: true });

    // The citizen sees the reason, replaces one photo, and the filing is resubmitted.
    await page.goto(`${base}/filings`);
    const card = page.getByTestId('server-filing');
    await expect(card.getByTestId('server-status')).toHaveText('已退回');
    await expect(card.getByTestId('server-reason')).toContainText('材料不清晰');
    await card.getByTestId('replace-toggle').click();
    await card
      .getByTestId('replace-input-hukou_first_page')
      .setInputFiles({ name: 'IMG_0003.jpg', mimeType: 'image/jpeg', buffer: await photo(page, 2000, 1500, 3) });
    await expect(card.getByTestId('server-status')).toHaveText('已提交');
    const resubmitted = (await (await api(base, token, '/api/filings')).json())[0];
    const newRef = resubmitted.attachments.find((a: any) => a.material === 'hukou_first_page');
    expect(newRef.id).not.toBe(refs.find((r) => r.material === 'hukou_first_page')!.id);

    // Approved; the citizen sees 已通过.
    await reviewerDecides(office, base, '通过');
    await expect(office.getByTestId('server-status')).toHaveText('已通过');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(card.getByTestId('server-status')).toHaveText('已通过');
    expect(await (await api(base, token, '/api/filings')).json()).toHaveLength(1);
    await office.close();
  });

  test('a refused submission reopens as a draft that still has its photos; corrected, it is sent once with them', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const base = server.url;
    const token = await signedInAtPapers(page, base);
    const net = await network(page);
    await net.offline();
    await attach(page, 'hukou_first_page', await photo(page, 1200, 900, 7), 'IMG_0007.jpg');
    await attach(page, 'household_register_page', await photo(page, 900, 1200, 8), 'IMG_0008.jpg');
    await signAndSubmit(page);
    // Queued as if before the 告知书 reached the server: once the photo is up, the server
    // refuses the filing (422, notice_accepted).
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('yidi:outbox:'))!;
      const saved = JSON.parse(localStorage.getItem(key)!);
      saved.data.body.notice_accepted = false;
      localStorage.setItem(key, JSON.stringify(saved));
    });
    await page.goto(`${base}/filings`);
    await net.online();
    await expect(page.getByTestId('outbox-refused')).toContainText('notice_accepted', { timeout: 60_000 });

    await page.getByTestId('outbox-reopen').click();
    await expect(page).toHaveURL(/\/filings\/[0-9a-f-]{36}$/);
    await expect(page.locator('#notice_accepted')).toHaveAttribute('aria-invalid', 'true');
    await page.locator('.steps button').nth(3).click();
    await expect(page.getByTestId('attach-hukou_first_page').getByTestId('attached')).toHaveCount(1);
    await expect(page.getByTestId('attach-household_register_page').getByTestId('attached')).toHaveCount(1);
    expect(await storedFiles(page)).toHaveLength(2);

    await page.locator('.steps button').nth(4).click();
    await page.getByLabel('我已阅读并同意以上告知书').check();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '提交备案申请' }).click();
    await expect.poll(async () => (await outboxEntries(page))[0]?.state, { timeout: 60_000 }).toBe('synced');
    const list = await (await api(base, token, '/api/filings')).json();
    expect(list).toHaveLength(1);
    expect(list[0].notice_accepted).toBe(true);
    expect(list[0].attachments.map((a: { material: string }) => a.material).sort()).toEqual([
      'household_register_page',
      'hukou_first_page',
    ]);
    // Uploaded once: the second sending found the server's copy (content-addressed).
    expect(await storedFiles(page)).toHaveLength(0);
  });

  test('measure: a filing with three photos uploaded on Fast 3G', async ({ page }) => {
    test.setTimeout(180_000);
    const base = server.url;
    await signIn(page, base, newPhone());
    await page.goto(`${base}/filings/new`);
    await fillToPapers(page);
    await attach(page, 'hukou_first_page', await photo(page, 4032, 3024, 4), 'a.jpg');
    await attach(page, 'hukou_first_page', await photo(page, 4032, 3024, 5), 'b.jpg');
    await attach(page, 'household_register_page', await photo(page, 4032, 3024, 6), 'c.jpg');
    const sizes = (await storedFiles(page)).map((f) => f.bytes);
    await page.getByTestId('elder-mode-toggle').click();
    await page.screenshot({ path: 'test-results/screenshots/attach-360-elder.png', fullPage: true });
    await page.getByTestId('elder-mode-toggle').click();
    const net = await network(page);
    await net.offline();
    await signAndSubmit(page);
    const t0 = Date.now();
    await net.fast3g();
    await expect.poll(async () => (await outboxEntries(page))[0].state, { timeout: 150_000, intervals: [100] }).toBe('synced');
    console.log(
      `[measure] three photos (${sizes.join(' + ')} B) and the filing, Fast 3G (150 ms RTT ×3.75, 750 kbps up): ${Date.now() - t0} ms`,
    );
  });
});

test('the review queue at 360 px in elder mode', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/');
  await page.getByTestId('elder-mode-toggle').click();
  await page.goto('/review');
  await page.getByLabel('审核令牌').fill(REVIEWER);
  await page.getByRole('button', { name: '进入审核' }).click();
  await page.locator('#review-status').selectOption('submitted');
  await expect(page.getByTestId('review-queue').or(page.getByTestId('review-empty'))).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/review-360-elder.png', fullPage: true });
});
