import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  RunningPortal,
  screenshot,
  signedInPage,
  startPortal,
  step,
} from './support/portal';

const WAIT = { timeout: 90_000 };
/** The sandbox's simulated Argo CD of the prod runtime (examples/sandbox/runtimes.yaml). */
const PROD_ARGOCD = 'http://localhost:18083';
const PROD_TOKEN = 'sandbox-prod-token';
const APP = 'search-indexer-production';
const VALUES = 'apps/search-indexer/production/values.yaml';

/** Commits a change to the sandbox's app-manifests repository the way a developer would: clone, edit, push. */
function commitToManifests(
  sandboxDir: string,
  edit: (text: string) => string,
  message: string,
) {
  const work = mkdtempSync(join(tmpdir(), 'slipway-e2e-clone-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: work,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Robin Ops',
        GIT_AUTHOR_EMAIL: 'robin@example.com',
        GIT_COMMITTER_NAME: 'Robin Ops',
        GIT_COMMITTER_EMAIL: 'robin@example.com',
      },
    });
  try {
    git(
      'clone',
      '--quiet',
      join(sandboxDir, 'repos', 'app-manifests.git'),
      '.',
    );
    const file = join(work, VALUES);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    git('commit', '--quiet', '-am', message);
    git('push', '--quiet', 'origin', 'HEAD:main');
    return git('rev-parse', 'HEAD').trim();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Syncs the open production app as an operator would: Sync waits (disabled) while an operation runs;
 * if the drawer had not yet seen the last operation and Argo CD refuses the sync as "already in
 * progress", the operator dismisses the message and tries again.
 */
async function syncProduction(page: Page) {
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('button', { name: 'Sync', exact: true }).click(WAIT);
    await page.getByRole('button', { name: 'Sync production' }).click();
    const started = page.getByText(`Sync of ${APP} started`);
    const refused = page.getByText(/another operation is already in progress/);
    await started.or(refused).waitFor(WAIT);
    if (await started.isVisible()) return;
    assert.ok(attempt < 10, 'Argo CD kept refusing the sync');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.waitForTimeout(1_000);
  }
}

/**
 * The runtime page and the application drawer against the sandbox: an operator turns auto-sync off for a
 * production app (as in Argo CD's UI), a commit makes it drift, and the drawer shows the drift, its
 * events and a sync that names production before it runs.
 */
describe('runtime page and application drawer in the sandbox', () => {
  let portal: RunningPortal;
  let browser: Browser;

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    // The dev server compiles the frontend on the first request; on a busy machine that exceeds a goto's 30 s.
    const warm = await browser.newPage();
    await warm.goto('http://localhost:3000/', { timeout: 300_000 });
    await warm.close();
    // A crash-looping repo-server for the runtime page; the backend sees it at its next health check.
    const fault = await fetch(
      `${PROD_ARGOCD}/__admin/components/argocd-repo-server`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ state: 'notReady' }),
      },
    );
    assert.equal(fault.status, 200);
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it("shows an out-of-sync production app's diff, events and commit, and syncs it after naming production", async () => {
    const patched = await fetch(`${PROD_ARGOCD}/api/v1/applications/${APP}`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${PROD_TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        patchType: 'merge',
        patch: JSON.stringify({ spec: { syncPolicy: { automated: null } } }),
      }),
    });
    assert.equal(patched.status, 200);
    const sha = commitToManifests(
      portal.sandboxDir,
      text => text.replace('replicaCount: 3', 'replicaCount: 5'),
      'SRCH-7 Scale search-indexer to 5 replicas',
    );

    const page = await signedInPage(
      browser,
      `/gitops/applications?runtime=prod&q=${APP}`,
    );
    await step(page, 'drawer-summary', async () => {
      await page.getByRole('button', { name: APP, exact: true }).click(WAIT);
      const drawer = page.getByRole('presentation');
      await drawer.getByRole('heading', { name: APP }).waitFor(WAIT);
      // The drawer reloads every 15 s; the runtime reports the drift within a few seconds of the push.
      await drawer
        .getByText(/newer in Git, not synced yet/)
        .waitFor({ timeout: 60_000 });
      assert.ok(
        await drawer.getByText(sha.slice(0, 7), { exact: true }).isVisible(),
        'the target revision is the pushed commit',
      );
      assert.equal(
        await drawer
          .getByText('SRCH-7 Scale search-indexer to 5 replicas')
          .count(),
        0,
        'the summary shows the synced commit, not the head',
      );
    });

    await step(page, 'drawer-diff', async () => {
      await page.getByRole('tab', { name: 'Diff (out of sync)' }).click();
      const diff = page.getByLabel(
        'Live versus desired Deployment/search-indexer',
      );
      await diff.waitFor(WAIT);
      const removed = await diff
        .locator('[data-diff="removed"]')
        .allTextContents();
      const added = await diff.locator('[data-diff="added"]').allTextContents();
      assert.ok(
        removed.some(l => /^-\s+replicas: 3$/.test(l)),
        removed.join('\n'),
      );
      assert.ok(
        added.some(l => /^\+\s+replicas: 5$/.test(l)),
        added.join('\n'),
      );
      await screenshot(page, 'application-drawer-diff');
    });

    await step(page, 'drawer-events', async () => {
      await page.getByRole('tab', { name: 'Events' }).click();
      await page
        .getByRole('table', { name: 'Events' })
        .getByText(/Updated sync status: Synced -> OutOfSync/)
        .waitFor(WAIT);
    });

    await step(page, 'sync-production', async () => {
      await page.getByRole('button', { name: 'Sync', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Sync ${APP}` });
      await dialog.waitFor();
      const warning = await dialog.getByRole('alert').textContent();
      assert.match(warning ?? '', /This changes production/);
      for (const option of ['Prune', 'Dry run', 'Force apply']) {
        assert.equal(
          await dialog.getByRole('checkbox', { name: option }).isChecked(),
          false,
          `${option} is off by default`,
        );
      }
      await screenshot(page, 'application-sync-production');

      // A dry run first: it reports and changes nothing.
      await dialog.getByRole('checkbox', { name: 'Dry run' }).check();
      await dialog
        .getByRole('button', { name: 'Dry run', exact: true })
        .click();
      await page.getByText(`Dry run of ${APP} started`).waitFor(WAIT);
      await syncProduction(page);
      await page.getByRole('tab', { name: 'Summary' }).click();
      // Synced: the summary now shows the pushed commit as the one running.
      await page
        .getByText('SRCH-7 Scale search-indexer to 5 replicas')
        .waitFor({ timeout: 60_000 });
      await screenshot(page, 'application-drawer-synced');
    });
  });

  it("shows a runtime's components with restarts, clusters and applications, linked from the runtimes table and the board", async () => {
    const page = await signedInPage(browser, '/gitops/environments');
    await step(page, 'board-runtime-link', async () => {
      const link = page.getByRole('link', {
        name: 'Runtime prod of Production',
      });
      await link.waitFor(WAIT);
      assert.equal(await link.getAttribute('href'), '/gitops/runtimes/prod');
    });

    await step(page, 'runtimes-table-link', async () => {
      await page.goto(`${page.url().split('/gitops')[0]}/gitops/runtimes`);
      await page.getByRole('link', { name: 'Runtime Production' }).click(WAIT);
      await page.waitForURL(/\/gitops\/runtimes\/prod$/);
    });

    await step(page, 'runtime-page', async () => {
      await page.getByRole('heading', { name: 'Production' }).waitFor(WAIT);
      // The health check runs every 30 s (app-config); the page polls every 15 s.
      const repoServer = page
        .getByRole('table', { name: 'Components' })
        .getByRole('row')
        .filter({ hasText: 'argocd-repo-server' });
      await repoServer.getByText('7', { exact: true }).waitFor(WAIT);
      assert.equal(await repoServer.getByText('0/1').count(), 1);
      const cluster = page
        .getByRole('table', { name: 'Clusters' })
        .getByRole('row')
        .filter({ hasText: 'in-cluster' });
      await cluster.getByText('Successful').waitFor();
      assert.match(
        (await page
          .getByRole('table', { name: 'Application health' })
          .textContent()) ?? '',
        /Healthy\d+/,
      );
      await page.getByText('No errors since the backend started.').waitFor();
      await screenshot(page, 'runtime-page');
    });
  });
});
