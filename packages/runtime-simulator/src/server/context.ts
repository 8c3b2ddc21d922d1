import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ArgoError, GrpcCode } from '../argocd/errors';
import type { SessionManager } from '../auth/sessions';
import type { ApplicationStore } from '../model/ApplicationStore';
import type { Reconciler } from '../model/Reconciler';
import type { SyncLifecycle } from '../model/syncLifecycle';
import type { Timers } from '../model/Timers';

/** What the Argo CD routes need from one running simulator. */
export interface ArgoContext {
  name: string;
  version: string;
  store: ApplicationStore;
  lifecycle: SyncLifecycle;
  reconciler: Reconciler;
  sessions: SessionManager;
  users: { username: string; password: string }[];
  clusters: { name: string; server: string }[];
  kubernetesVersion: string;
  timers: Timers;
  /** Open watch streams, ended when the runtime goes down or closes. */
  streams: Set<Response>;
}

export function sendArgoError(res: Response, error: ArgoError): void {
  res.status(error.httpStatus).json(error.toBody());
}

/** Runs an async handler; ArgoErrors become Argo CD error bodies, anything else a 500 of the same shape. */
export function handle(
  fn: (req: Request, res: Response) => Promise<void> | void,
): RequestHandler {
  return (req: Request, res: Response, _next: NextFunction) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(error => {
        if (res.headersSent) {
          res.end();
          return;
        }
        sendArgoError(
          res,
          error instanceof ArgoError
            ? error
            : new ArgoError(
                GrpcCode.Unknown,
                String((error as Error)?.message ?? error),
              ),
        );
      });
  };
}

/** Sends an already serialised JSON body. */
export function sendJson(res: Response, body: string): void {
  res.status(200).type('application/json').send(body);
}
