import { spawn, ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';

export const repoRoot = resolve(__dirname, '..', '..');
export const portalUrl = 'http://localhost:3000';
export const backendUrl = 'http://localhost:7007';
export const screenshotDir = join(repoRoot, 'e2e-screenshots');

export interface RunningPortal {
  sandboxDir: string;
  output(): string;
  /** Stops the portal; the sandbox folder is removed unless `keepSandbox` (to start again on it). */
  stop(options?: { keepSandbox?: boolean }): Promise<void>;
}

/**
 * Starts the portal the README's way (`npm start`, i.e. scripts/start.ts) with a
 * sandbox in a temporary folder, and waits until frontend and backend answer.
 */
export async function startPortal(
  options: {
    timeoutMs?: number;
    /** Reuse this sandbox (e.g. one a stopped portal kept) instead of a new temporary one. */
    sandboxDir?: string;
    /** Extra environment, e.g. `APP_CONFIG_…` overrides. */
    env?: Record<string, string>;
  } = {},
): Promise<RunningPortal> {
  const sandboxDir =
    options.sandboxDir ?? (await mkdtemp(join(tmpdir(), 'slipway-e2e-')));
  let log = '';
  const child = spawn(
    join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [join(repoRoot, 'scripts', 'start.ts')],
    {
      cwd: repoRoot,
      detached: true,
      env: {
        ...process.env,
        ...options.env,
        SLIPWAY_SANDBOX_DIR: sandboxDir,
        BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const portal: RunningPortal = {
    sandboxDir,
    output: () => log,
    stop: async ({ keepSandbox = false } = {}) => {
      await stopProcessGroup(child);
      if (!keepSandbox) await rm(sandboxDir, { recursive: true, force: true });
    },
  };
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    await waitFor(
      `${backendUrl}/api/catalog/entities?limit=1`,
      deadline,
      child,
      [401, 200],
    );
    await waitFor(portalUrl, deadline, child, [200]);
  } catch (error) {
    await portal.stop();
    throw new Error(
      `${(error as Error).message}\n--- portal output ---\n${log}`,
    );
  }
  return portal;
}

async function waitFor(
  url: string,
  deadline: number,
  child: ChildProcess,
  okStatuses: number[],
) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `the portal exited with code ${child.exitCode} before ${url} answered`,
      );
    }
    try {
      const response = await fetch(url);
      if (okStatuses.includes(response.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer in time`);
}

async function stopProcessGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>(r => child.once('exit', () => r()));
  process.kill(-child.pid, 'SIGINT');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens the portal at `path` and signs in as the sandbox guest; the sign-in page
 * renders at any path and shows that path once the user has entered.
 */
export async function signedInPage(
  browser: Browser,
  path = '/',
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  await page.goto(`${portalUrl}${path}`);
  const enter = page.getByRole('button', { name: /enter/i });
  await enter.waitFor({ timeout: 60_000 });
  await enter.click();
  return page;
}

export async function screenshot(page: Page, name: string) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({
    path: join(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

/** Runs a browser step; on failure saves a screenshot named for it, then fails with the same error. */
export async function step(page: Page, name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
    throw error;
  }
}
