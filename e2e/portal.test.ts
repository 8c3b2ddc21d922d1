import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import {
  launchBrowser,
  RunningPortal,
  screenshot,
  signedInPage,
  startPortal,
} from './support/portal';
import { repoVersion } from './support/sandboxRepo';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// The figures are shown as the page formats them; the test reads the same formatting.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  formatDuration,
  formatFrequency,
  formatRate,
} from '../plugins/gitops/src/components/Insights/doraFormat';

/** What history.yaml promises the Insights page shows on a fresh sandbox. */
const promised = parse(
  readFileSync(
    join(__dirname, '../examples/app-manifests/history.yaml'),
    'utf8',
  ),
).insights as {
  deployments: number;
  leadTimeMedianSeconds: number;
  changeFailures: number;
  changeFailureDeployments: number;
  timeToRestoreMedianSeconds: number;
};

const allComponents =
  '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all';

describe('the sandbox portal', () => {
  let portal: RunningPortal;
  let browser: Browser;

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lists the example products in the catalog', async () => {
    const page = await signedInPage(browser, allComponents);
    // The catalog ingests the sandbox entities shortly after the backend starts.
    const paymentsApi = page.getByRole('link', {
      name: 'payments-api',
      exact: true,
    });
    await paymentsApi.waitFor({ timeout: 90_000 });
    for (const name of [
      'payments-worker',
      'ledger',
      'storefront-web',
      'cart-api',
      'search-api',
      'search-indexer',
    ]) {
      await page
        .getByRole('link', { name, exact: true })
        .waitFor({ timeout: 10_000 });
    }
    await page
      .getByRole('link', { name: 'Slipway', exact: true })
      .first()
      .waitFor();
    await screenshot(page, 'catalog');
  });

  it('shows a product component with its system and owner', async () => {
    const page = await signedInPage(
      browser,
      '/catalog/default/component/payments-api',
    );
    await page
      .getByRole('heading', { name: 'payments-api' })
      .first()
      .waitFor({ timeout: 60_000 });
    const about = page.getByText('Payments team').first();
    await about.waitFor();
    assert.ok(
      await page
        .getByRole('link', { name: 'Payments', exact: true })
        .first()
        .isVisible(),
    );
    await screenshot(page, 'payments-api');
  });

  it('shows both sandbox runtimes online with their Argo CD versions', async () => {
    const page = await signedInPage(browser, '/gitops/runtimes');
    // Right after start-up the backend's first refresh may still be in flight.
    await page.getByText('Online').nth(1).waitFor({ timeout: 90_000 });
    for (const title of ['Non-production', 'Production']) {
      await page.getByText(title, { exact: true }).first().waitFor();
    }
    assert.equal(await page.getByText('Offline').count(), 0);
    assert.ok(
      (await page.getByText(/v3\.5\.1/).count()) >= 2,
      'Argo CD versions shown',
    );
    await screenshot(page, 'runtimes');
  });

  it('lists applications and opens one with its history from Git', async () => {
    const page = await signedInPage(
      browser,
      '/gitops/applications?product=payments&environment=staging',
    );
    const app = page.getByRole('button', {
      name: 'payments-api-staging',
      exact: true,
    });
    await app.waitFor({ timeout: 60_000 });
    assert.equal(
      await page
        .getByRole('button', { name: 'cart-api-dev', exact: true })
        .count(),
      0,
      'the filters hide other products and environments',
    );
    await app.click();
    await page.getByRole('tab', { name: /^History/ }).click();
    // Commit messages come from the sandbox repository's history (issue keys such as PAY-123).
    await page
      .getByText(/PAY-\d+/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'application-drawer');
  });

  it('shows the environments board with the versions the sandbox repository holds', async () => {
    const staging = repoVersion(portal.sandboxDir, 'payments-api', 'staging');
    const production = repoVersion(
      portal.sandboxDir,
      'payments-api',
      'production',
    );
    assert.notEqual(
      staging,
      production,
      'the sandbox keeps staging ahead of production',
    );

    const page = await signedInPage(browser, '/gitops/environments');
    const board = page.getByRole('table', { name: 'Environments board' });
    await board.waitFor({ timeout: 90_000 });
    const headers = await board
      .getByRole('columnheader')
      .evaluateAll(els => els.slice(1).map(e => e.getAttribute('aria-label')));
    assert.deepEqual(headers, ['Development', 'Staging', 'Production']);
    assert.ok(
      await page
        .getByRole('columnheader', { name: 'Production' })
        .getByText('Production')
        .count(),
    );

    // Versions are read from the repository at the synced revision; give the runtimes time to report.
    const stagingCard = page.getByRole('cell', {
      name: 'Payments in Staging',
      exact: true,
    });
    const productionCard = page.getByRole('cell', {
      name: 'Payments in Production',
      exact: true,
    });
    await stagingCard
      .getByText(staging, { exact: true })
      .waitFor({ timeout: 60_000 });
    await productionCard
      .getByText(production, { exact: true })
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'environments-board');

    await page.getByRole('button', { name: 'Detailed view' }).click();
    await page.waitForURL(/view=detailed/);
    await productionCard.getByText('3 applications').waitFor();
    await screenshot(page, 'environments-board-detailed');
  });

  it('shows the Delivery tab of payments-api with its matrix and the staging to production diff', async () => {
    const staging = repoVersion(portal.sandboxDir, 'payments-api', 'staging');
    const production = repoVersion(
      portal.sandboxDir,
      'payments-api',
      'production',
    );

    const page = await signedInPage(
      browser,
      '/catalog/default/component/payments-api/delivery',
    );
    const matrix = page.getByRole('table', { name: 'Environment matrix' });
    await matrix.waitFor({ timeout: 90_000 });
    await page
      .getByRole('cell', { name: 'payments-api in Staging' })
      .getByText(staging, { exact: true })
      .waitFor({ timeout: 60_000 });
    await page
      .getByRole('cell', { name: 'payments-api in Production' })
      .getByText(production, { exact: true })
      .waitFor({ timeout: 60_000 });

    const diff = page.getByRole('table', { name: 'Environment diff' });
    await diff.waitFor({ timeout: 60_000 });
    const tagRow = diff.getByRole('row', {
      name: 'payments-api values.yaml $.image.tag differs',
    });
    await tagRow.waitFor();
    const cells = await tagRow.getByRole('cell').allTextContents();
    assert.deepEqual(cells.slice(3), [staging, production]);
    await screenshot(page, 'payments-api-delivery');
  });

  it("shows the sandbox's past on the Insights page, the deployments behind a point, and where PAY-123 runs", async () => {
    const page = await signedInPage(browser, '/gitops/insights');
    const tile = (title: string) => page.getByRole('group', { name: title });
    // The history backfill reads Argo CD's history shortly after the backend starts.
    const expected = `${promised.deployments} successful deployments`;
    for (let tries = 0; ; tries++) {
      try {
        await tile('Deployment frequency')
          .getByText(expected)
          .waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (tries >= 12) throw error;
        await page.reload();
      }
    }
    const values: Array<[string, string]> = [
      ['Deployment frequency', formatFrequency(promised.deployments / 90)],
      ['Lead time for changes', formatDuration(promised.leadTimeMedianSeconds)],
      [
        'Change failure rate',
        formatRate(promised.changeFailures / promised.changeFailureDeployments),
      ],
      ['Time to restore', formatDuration(promised.timeToRestoreMedianSeconds)],
    ];
    for (const [title, value] of values) {
      await tile(title).getByText(value, { exact: true }).waitFor();
    }
    await screenshot(page, 'insights');

    // A week in which a change failed lists the deployment that was rolled back.
    const chart = page.getByRole('figure', {
      name: 'Change failure rate per week',
    });
    await chart
      .getByRole('button', { name: /, [1-9]\d* of \d+ failed$/ })
      .first()
      .click();
    const rows = page.getByRole('region', {
      name: /^Deployments behind Change failure rate/,
    });
    await rows.getByText('Rolled back').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'insights-point');

    const search = page.getByRole('search', { name: 'Where is my change?' });
    await search
      .getByLabel('Issue key, commit, author or image tag')
      .fill('PAY-123');
    await search.getByRole('button', { name: 'Find' }).click();
    const answer = page.getByLabel('Where PAY-123 runs');
    await answer.waitFor({ timeout: 30_000 });
    await answer.getByText('payments', { exact: true }).waitFor();
    // PAY-123 shipped in payments 1.4.3: staging runs it, production (1.4.2) does not yet.
    const where = async (environment: string) =>
      (await answer
        .getByRole('row', { name: new RegExp(`^${environment} `) })
        .textContent()) ?? '';
    assert.match(await where('staging'), /Deployed.*1\.4\.3/);
    assert.match(await where('production'), /Not deployed/);
    await screenshot(page, 'insights-change-search');
  });
});
