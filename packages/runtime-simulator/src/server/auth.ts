import type { Request } from 'express';
import { ArgoError, GrpcCode } from '../argocd/errors';
import type { ArgoContext } from './context';

/** Returns the caller's user name, or throws the 401 argocd-server would send. */
export function requireUser(ctx: ArgoContext, req: Request): string {
  const result = ctx.sessions.authenticate(req.headers);
  if (result.kind === 'none') {
    throw new ArgoError(GrpcCode.Unauthenticated, 'no session information');
  }
  if (result.kind === 'invalid') {
    throw new ArgoError(
      GrpcCode.Unauthenticated,
      `invalid session: ${result.detail}`,
    );
  }
  return result.username;
}

export function optionalUser(
  ctx: ArgoContext,
  req: Request,
): string | undefined {
  const result = ctx.sessions.authenticate(req.headers);
  return result.kind === 'ok' ? result.username : undefined;
}
