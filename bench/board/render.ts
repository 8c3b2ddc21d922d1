/*
 * Environments board in headless Chromium: 500 products × 5 environments.
 *
 * Runs the real portal frontend (the running one on :3000, or starts the sandbox portal) and answers
 * its delivery requests (`/api/gitops/environments`, `/products`, `/config/status`) with generated data
 * from the frontend's test fixtures, so the figures are the board's own rendering, not the backend's
 * latency (the backend part of bench/board measures that). Prints:
 *   - tab switch: click "Environments" until all 500 product rows are in the DOM (code already loaded)
 *   - scrolling: frame times while scrolling the board top to bottom, 400 px per frame
 *   - filtering: typing a product filter until the board shows the matches
 * Usage: npx tsx bench/board/render.ts [--products 500] [--environments 5] [--runs 5]
 */
import type { Page, Route } from 'playwright-core';
import {
  manyEnvironments,
  manyProducts,
} from '@slipway/plugin-gitops/testUtils';
import {
  launchBrowser,
  portalUrl,
  RunningPortal,
  signedInPage,
  startPortal,
} from '../../e2e/support/portal';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const PRODUCTS = arg('products', 500);
const ENVIRONMENTS = arg('environments', 5);
const RUNS = arg('runs', 5);
const ROWS = '[role="row"][aria-label^="Product "]';

const environments = manyEnvironments(ENVIRONMENTS);
const products = manyProducts(PRODUCTS, environments);
const answers: Record<string, unknown> = {
  '/api/gitops/environments': {
    items: environments,
    errors: [],
    unassigned: { total: 0, health: {}, sync: {} },
  },
  '/api/gitops/products': { items: products, errors: [], unassigned: [] },
  '/api/gitops/config/status': {
    repository: 'file:///bench/delivery.git',
    branch: 'main',
    commit: 'bench',
    loadedAt: new Date().toISOString(),
    problems: [],
  },
};

async function answerDelivery(page: Page) {
  await page.route('**/api/gitops/**', (route: Route) => {
    const body = answers[new URL(route.request().url()).pathname];
    return body ? route.fulfill({ json: body }) : route.continue();
  });
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(0)} ms, min ${sorted[0].toFixed(
    0,
  )}, max ${sorted[sorted.length - 1].toFixed(0)}`;
};

/** Time from `action` until the board holds `count` product rows, measured in the page. */
async function timeUntilRows(
  page: Page,
  count: number,
  action: () => Promise<unknown>,
) {
  await page.evaluate(() => ((window as any).__benchStart = performance.now()));
  await action();
  await page.waitForFunction(
    ([selector, n]) =>
      document.querySelectorAll(selector as string).length === n,
    [ROWS, count] as const,
    { timeout: 60_000, polling: 'raf' },
  );
  // One more frame so layout and paint of the first screen are included.
  return page.evaluate(
    () =>
      new Promise<number>(resolve =>
        requestAnimationFrame(() =>
          resolve(performance.now() - (window as any).__benchStart),
        ),
      ),
  );
}

/**
 * Scrolls the board's scroll container top to bottom, 400 px per frame (a fast wheel), and returns
 * every frame's duration.
 */
async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(async selector => {
    let element = document.querySelector(selector)?.parentElement ?? null;
    while (element && element.scrollHeight <= element.clientHeight + 1) {
      element = element.parentElement;
    }
    const target = element ?? document.scrollingElement!;
    const durations: number[] = [];
    let last = performance.now();
    while (target.scrollTop + target.clientHeight < target.scrollHeight - 1) {
      target.scrollTop += 400;
      await new Promise(r => requestAnimationFrame(r));
      const now = performance.now();
      durations.push(now - last);
      last = now;
    }
    target.scrollTop = 0;
    return durations;
  }, ROWS);
}

async function main() {
  let portal: RunningPortal | undefined;
  const running = await fetch(portalUrl).then(
    r => r.ok,
    () => false,
  );
  if (!running) {
    console.log('starting the sandbox portal…');
    portal = await startPortal();
  }
  const browser = await launchBrowser();
  try {
    console.log(
      `board: ${PRODUCTS} products × ${ENVIRONMENTS} environments, ${RUNS} runs, ` +
        'real portal frontend (webpack dev build), generated delivery answers',
    );

    const tabSwitch: number[] = [];
    const scrollP95: number[] = [];
    const longFrames: number[] = [];
    let framesPerScroll = 0;
    const filtering: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await signedInPage(browser, '/gitops/runtimes');
      await answerDelivery(page);
      await page
        .getByRole('tab', { name: 'Runtimes' })
        .waitFor({ timeout: 90_000 });
      // Loads the board's code once, then leaves, so the switch below times rendering only.
      await page.getByRole('tab', { name: 'Environments' }).click();
      await page.waitForFunction(
        s => document.querySelectorAll(s).length > 0,
        ROWS,
        { timeout: 90_000 },
      );
      await page.getByRole('tab', { name: 'Runtimes' }).click();
      await page.waitForFunction(
        s => document.querySelectorAll(s).length === 0,
        ROWS,
      );

      tabSwitch.push(
        await timeUntilRows(page, PRODUCTS, () =>
          page.getByRole('tab', { name: 'Environments' }).click(),
        ),
      );

      const frames = await scrollFrames(page);
      framesPerScroll = frames.length;
      frames.sort((a, b) => a - b);
      scrollP95.push(frames[Math.floor(frames.length * 0.95)]);
      longFrames.push(frames.filter(f => f > 50).length);

      filtering.push(
        await timeUntilRows(page, 11, () =>
          // Matches "Product 49" and "Product 490" to "Product 499".
          page.getByLabel('Filter products').fill('Product 49'),
        ),
      );
      await page.close();
    }

    console.log(`tab switch to a rendered board: ${stats(tabSwitch)}`);
    console.log(
      `scrolling, p95 frame:           ${stats(
        scrollP95,
      )}; frames over 50 ms per scroll: ${longFrames.join(
        ', ',
      )} of ${framesPerScroll}`,
    );
    console.log(`filter "Product 49" (11 rows):  ${stats(filtering)}`);
  } finally {
    await browser.close();
    await portal?.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
