import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  RunningPortal,
  screenshot,
  signedInPage,
  startPortal,
  step,
} from './support/portal';
import { repoVersion, sandboxGit } from './support/sandboxRepo';

const WAIT = { timeout: 120_000 };

/** Every comment line of a file on main, in order. */
const comments = (sandboxDir: string, path: string) =>
  sandboxGit(sandboxDir, 'show', `main:${path}`)
    .split('\n')
    .filter(line => line.trim().startsWith('#'));

/**
 * Promote payments from staging to production in the sandbox portal: the guest starts the release from
 * the environments board, production's approval gate holds it (the guest may not approve their own
 * release), the backend restarts, a production approver signs in, finds the release in her
 * notifications and approves, and the release commits to the sandbox's app-manifests repository and
 * succeeds once the simulated runtime has synced; the guest's bell then says so.
 */
describe('promoting payments to production in the sandbox', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let sandboxDir: string;
  let releasePath: string;
  const valuesFile = 'apps/payments-api/production/values.yaml';
  let stagingVersion: string;
  let productionBefore: string;
  let commentsBefore: string[];

  before(async () => {
    portal = await startPortal();
    sandboxDir = portal.sandboxDir;
    browser = await launchBrowser();
    stagingVersion = repoVersion(sandboxDir, 'payments-api', 'staging');
    productionBefore = repoVersion(sandboxDir, 'payments-api', 'production');
    commentsBefore = comments(sandboxDir, valuesFile);
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('opens the promote dialog when a card is dragged onto another environment', async () => {
    const page = await signedInPage(browser, '/gitops/environments');
    await step(page, 'drag', async () => {
      const dev = page.getByRole('cell', { name: 'Payments in Development' });
      await dev.waitFor(WAIT);
      await dev.dragTo(page.getByRole('cell', { name: 'Payments in Staging' }));
      const dialog = page.getByRole('dialog', {
        name: 'Promote Payments: Development → Staging',
      });
      await dialog.waitFor(WAIT);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });
    await page.close();
  });

  it('previews and starts the promotion from the environments board', async () => {
    assert.notEqual(
      stagingVersion,
      productionBefore,
      'the sandbox must start with staging ahead of production',
    );
    const page = await signedInPage(browser, '/gitops/environments');
    await step(page, 'promote', async () => {
      await page
        .getByRole('button', { name: 'Promote Payments from Staging' })
        .click(WAIT);
      const menu = page.getByRole('menu', {
        name: 'Promote Payments from Staging',
      });
      await menu
        .getByRole('menuitem', { name: 'Promote to Production' })
        .click();
      const dialog = page.getByRole('dialog', {
        name: 'Promote Payments: Staging → Production',
      });
      await dialog.getByRole('button', { name: 'Preview' }).click();
      const changes = dialog.getByRole('region', {
        name: 'Changes to payments-api-production',
      });
      await changes.waitFor(WAIT);
      await changes.getByText(stagingVersion).first().waitFor(WAIT);
      await screenshot(page, 'promotion-preview');
      await dialog
        .getByRole('button', { name: 'Promote', exact: true })
        .click();
      await page.waitForURL(/\/gitops\/releases\/[^/]+$/, WAIT);
      releasePath = new URL(page.url()).pathname;

      // Production's approval gate holds the release before anything is committed.
      await page
        .getByRole('list', { name: 'Gates of production' })
        .getByText(/approv/i)
        .first()
        .waitFor(WAIT);
      // The release has a name, not an id.
      await page
        .getByText(`Payments ${stagingVersion} → Production`)
        .first()
        .waitFor(WAIT);
      // The guest started it: Approve is disabled before any click, and says why on hover.
      const approve = page.getByRole('button', { name: 'Approve' });
      await approve.waitFor(WAIT);
      assert.equal(await approve.isDisabled(), true);
      await approve.locator('xpath=..').hover();
      await page
        .getByRole('tooltip')
        .filter({ hasText: /started this release/i })
        .waitFor(WAIT);
      await screenshot(page, 'promotion-waiting-for-approval');
    });

    // The board tells the story: the release waits on production's card, staging is ahead of it.
    await step(page, 'board', async () => {
      await page.goto(
        `${new URL(page.url()).origin}/gitops/environments?view=detailed`,
      );
      const production = page.getByRole('cell', {
        name: 'Payments in Production',
      });
      await production
        .getByRole('link', {
          name: `${stagingVersion} waiting for approval`,
        })
        .waitFor(WAIT);
      await page
        .getByRole('cell', { name: 'Payments in Staging' })
        .getByText(/^Ahead of Production by \d+ versions?$/)
        .waitFor(WAIT);
      await production.getByText(/^Deployed /).waitFor(WAIT);
      await screenshot(page, 'board-release-waiting');
      // A card opens the product's applications in that environment.
      await production.click({ position: { x: 8, y: 8 } });
      await page.waitForURL(/\/gitops\/applications\?.*product=payments/, WAIT);
      assert.match(page.url(), /environment=production/);
    });
    assert.equal(
      repoVersion(sandboxDir, 'payments-api', 'production'),
      productionBefore,
    );
    await page.close();
  });

  it('resumes after a backend restart, takes a production approver’s approval and succeeds', async () => {
    await portal.stop({ keepSandbox: true });
    // The sandbox's guest sign-in now enters as Ana, a production approver.
    portal = await startPortal({
      sandboxDir,
      env: {
        APP_CONFIG_auth_providers_guest_userEntityRef: 'user:default/ana.ruiz',
      },
    });
    const page: Page = await signedInPage(browser, '/gitops');
    // The bell tells Ana the release waits for her, and its notification opens the release.
    await step(page, 'notification', async () => {
      await page.getByRole('link', { name: /Notifications/ }).first().click();
      const notification = page.getByRole('link', {
        name: `Approval needed: Payments ${stagingVersion} → Production`,
      });
      await notification.first().waitFor(WAIT);
      await screenshot(page, 'notification-approval-needed');
      await notification.first().click();
      await page.waitForURL(url => url.pathname === releasePath, WAIT);
    });
    await step(page, 'approve', async () => {
      const approve = page.getByRole('button', { name: 'Approve' });
      await approve.waitFor(WAIT);
      // Ana may approve: the button turns enabled once the page knows who she is.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('button')].some(
            b => b.textContent === 'Approve' && !b.disabled,
          ),
        undefined,
        WAIT,
      );
      await approve.click();
      const confirm = page.getByRole('dialog', { name: /^Approve Payments/ });
      await confirm
        .getByLabel('Comment (optional)')
        .fill('CAB approved in the weekly review');
      await screenshot(page, 'promotion-approve-confirmation');
      await confirm.getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('status').first().waitFor(WAIT);
      await page
        .getByRole('button', { name: 'production: Succeeded' })
        .waitFor({ timeout: 240_000 });
      await screenshot(page, 'promotion-succeeded');
    });

    const releaseId = releasePath.split('/').pop()!;
    assert.equal(
      repoVersion(sandboxDir, 'payments-api', 'production'),
      stagingVersion,
    );
    const message = sandboxGit(
      sandboxDir,
      'log',
      '-1',
      '--format=%B',
      'main',
      '--',
      valuesFile,
    );
    assert.match(message, new RegExp(`Slipway-Release: ${releaseId}`));
    assert.match(message, /Slipway-Actor: user:default\/guest/);
    assert.match(
      message,
      /Slipway-Approved-By: user:default\/ana\.ruiz \(CAB approved in the weekly review\)/,
    );
    assert.deepEqual(
      comments(sandboxDir, valuesFile),
      commentsBefore,
      'comments survive the edit',
    );

    // The audit log names who did what: the promotion, the approvals and each commit.
    await step(page, 'audit', async () => {
      await page.goto(
        `${new URL(page.url()).origin}/gitops/audit?product=payments`,
      );
      const events = page.getByRole('table', { name: 'Audit events' });
      await events.getByText('git.commit').first().waitFor(WAIT);
      await events.getByText('release.approve').first().waitFor(WAIT);
      await events.getByText('promotion.create').first().waitFor(WAIT);
      // Releases are named, approvers are catalog links, and the table fits a 1440 px window.
      await events
        .getByRole('link', { name: `Payments ${stagingVersion} → Production` })
        .first()
        .waitFor(WAIT);
      await events
        .getByRole('row')
        .filter({ hasText: 'release.approve' })
        .filter({ hasText: 'succeeded' })
        .getByRole('link', { name: /ana\.ruiz|Ana Ruiz/ })
        .first()
        .waitFor(WAIT);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(
        overflow <= 0,
        `the audit page scrolls sideways by ${overflow}px`,
      );
      await screenshot(page, 'audit-log');
    });
    await page.close();
  });

  it('tells the guest in the bell that the release succeeded', async () => {
    await portal.stop({ keepSandbox: true });
    portal = await startPortal({ sandboxDir });
    const page = await signedInPage(browser, '/notifications');
    await step(page, 'succeeded-notification', async () => {
      const notification = page.getByRole('link', {
        name: `Succeeded: Payments ${stagingVersion} → Production`,
      });
      // The notifications page reads once: reload it while the backend finishes starting.
      const deadline = Date.now() + WAIT.timeout;
      for (;;) {
        try {
          await notification.first().waitFor({ timeout: 15_000 });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await page.reload();
        }
      }
      await screenshot(page, 'notification-succeeded');
      await notification.first().click();
      await page.waitForURL(url => url.pathname === releasePath, WAIT);
      await page
        .getByRole('button', { name: 'production: Succeeded' })
        .waitFor(WAIT);
    });
    await page.close();
  });
});
