import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ScheduledJob } from '../scheduledJob';
import { Knex } from 'knex';
import {
  applyAuditRetention,
  MIN_AUDIT_RETENTION_DAYS,
} from '../database/audit/auditRetention';
import { AuditReconciler } from './AuditReconciler';
import { GitHistoryImport } from './GitHistoryImport';

/** `gitops.audit` in app-config. */
export interface AuditSettings {
  /** Undefined: keep every event forever. */
  retentionDays?: number;
  gitImportIntervalMinutes: number;
  reconcileIntervalMinutes: number;
}

export function readAuditSettings(config: RootConfigService): AuditSettings {
  const audit = config.getOptionalConfig('gitops.audit');
  const retentionDays = audit?.getOptionalNumber('retentionDays');
  if (
    retentionDays !== undefined &&
    !(retentionDays >= MIN_AUDIT_RETENTION_DAYS)
  ) {
    throw new Error(
      `gitops.audit.retentionDays must be at least ${MIN_AUDIT_RETENTION_DAYS} day, got ${retentionDays}`,
    );
  }
  return {
    retentionDays,
    gitImportIntervalMinutes:
      audit?.getOptionalNumber('gitImportIntervalMinutes') ?? 10,
    reconcileIntervalMinutes:
      audit?.getOptionalNumber('reconcileIntervalMinutes') ?? 60,
  };
}

export const AUDIT_TASK_IDS = {
  gitImport: 'gitops-audit-git-import',
  reconcile: 'gitops-audit-reconcile',
  retention: 'gitops-audit-retention',
} as const;

/**
 * Imports the commits made outside the portal into the audit log, run by one replica at a time
 * (scope `global`).
 */
export class GitHistoryImportJob implements ScheduledJob {
  constructor(
    private readonly options: {
      settings: AuditSettings;
      logger: LoggerService;
      gitImport: GitHistoryImport;
      /** Told when a run added events (live updates of open audit pages). */
      onImported?: () => void;
    },
  ) {}

  async schedule(scheduler: SchedulerService): Promise<void> {
    const { settings, logger, gitImport } = this.options;
    await scheduler.scheduleTask({
      id: AUDIT_TASK_IDS.gitImport,
      scope: 'global',
      frequency: { minutes: settings.gitImportIntervalMinutes },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 30 },
      fn: async () => {
        const results = await gitImport.run();
        const imported = results.reduce((n, r) => n + r.imported, 0);
        if (imported) {
          logger.info(
            `Audit: imported ${imported} commit(s) made outside Slipway`,
          );
          this.options.onImported?.();
        }
      },
    });
  }
}

/** Checks Slipway's own commits against the audit log (problems are logged as warnings), one replica at a time. */
export class AuditReconcileJob implements ScheduledJob {
  constructor(
    private readonly options: {
      settings: AuditSettings;
      logger: LoggerService;
      reconciler: AuditReconciler;
    },
  ) {}

  async schedule(scheduler: SchedulerService): Promise<void> {
    const { settings, logger, reconciler } = this.options;
    await scheduler.scheduleTask({
      id: AUDIT_TASK_IDS.reconcile,
      scope: 'global',
      frequency: { minutes: settings.reconcileIntervalMinutes },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 2 },
      fn: async () => {
        const report = await reconciler.reconcile();
        for (const row of report.missingAuditRows) {
          logger.warn(
            `Audit reconcile: Slipway commit ${row.commitSha} in ${row.repository} (release ${row.release}) has no audit row`,
          );
        }
        for (const row of report.flaggedCommits) {
          logger.warn(
            `Audit reconcile: commit ${row.commitSha} in ${row.repository} names release ${row.release} but Slipway did not make it (${row.flag})`,
          );
        }
        for (const row of report.missingCommits) {
          logger.warn(
            `Audit reconcile: audit event ${row.eventId} names commit ${row.commitSha} that ${row.repository} does not have`,
          );
        }
      },
    });
  }
}

/**
 * Deletes audit events older than `gitops.audit.retentionDays` (the only deletes the database allows,
 * each run audited with one summary row); schedules nothing when that is not set.
 */
export class AuditRetentionJob implements ScheduledJob {
  constructor(
    private readonly options: {
      settings: AuditSettings;
      logger: LoggerService;
      knex: Knex;
    },
  ) {}

  async schedule(scheduler: SchedulerService): Promise<void> {
    const { settings, logger, knex } = this.options;
    const { retentionDays } = settings;
    if (retentionDays === undefined) return;
    await scheduler.scheduleTask({
      id: AUDIT_TASK_IDS.retention,
      scope: 'global',
      frequency: { hours: 6 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 1 },
      fn: async () => {
        const deleted = await applyAuditRetention(knex, retentionDays);
        if (deleted) {
          logger.info(
            `Audit: deleted ${deleted} event(s) older than ${retentionDays} day(s)`,
          );
        }
      },
    });
  }
}
