import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A release server of its own for tests that must stop and restart it (a sync interrupted by a
 * dead server). The shared server of playwright.config.ts serves every other test.
 */
export interface YidiServer {
  url: string;
  /** Stops the process (SIGKILL when `hard`, to simulate a crash) and waits for it to exit. */
  stop(hard?: boolean): Promise<void>;
  /** Starts the process again on the same port and database. */
  restart(): Promise<void>;
  /** Stops the server and deletes its database directory. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitHealthy(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`yidi-server did not become healthy at ${url}`);
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<YidiServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'yidi-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    YIDI_ADDR: `127.0.0.1:${port}`,
    YIDI_DATABASE_URL: `sqlite://${join(dir, 'yidi.db')}`,
    YIDI_DIST: 'dist',
    YIDI_DEV_CODES: '1',
    YIDI_REVIEWER_TOKEN: 'e2e-reviewer-token',
    YIDI_DATA_KEY: 'e2e0'.repeat(16),
    ...extraEnv,
  };
  let child: ChildProcess | undefined;

  const launch = async () => {
    child = spawn('target/release/yidi-server', [], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitHealthy(url);
  };
  const stop = async (hard = false) => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
    child = undefined;
  };

  await launch();
  return {
    url,
    stop,
    restart: launch,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
