import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GitProviderRegistry,
  GitRepoLocation,
} from '@slipway/plugin-gitops-node';
import { Knex } from 'knex';
import { AuditGitStore } from '../database/audit/AuditGitStore';
import { AuditReconciler } from './AuditReconciler';
import { auditedRepositories, PlacedApplications } from './auditedRepositories';
import { GitHistoryImport } from './GitHistoryImport';

/** The Git side of the audit log: the history import and the reconcile check, over the same repositories. */
export function createAuditHistory(options: {
  knex: Knex;
  providers: GitProviderRegistry;
  deliveryRepo?: GitRepoLocation;
  delivery?: PlacedApplications;
  logger: LoggerService;
}) {
  const store = new AuditGitStore(options.knex);
  const repositories = () =>
    auditedRepositories(options.deliveryRepo, options.delivery);
  return {
    gitImport: new GitHistoryImport({
      providers: options.providers,
      store,
      repositories,
      logger: options.logger,
    }),
    reconciler: new AuditReconciler({
      providers: options.providers,
      store,
      repositories,
    }),
  };
}
