import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { grpcCodeForHttpStatus } from './argocd/errors';
import type { HealthStatusCode } from './argocd/types';
import type { Timers } from './model/Timers';

/** @public */
export type FaultMode = 'none' | 'down' | 'slow' | 'error' | 'malformed';

/** @public */
export interface FaultState {
  mode: FaultMode;
  /** `slow`: delay before every Argo CD API response (default 2000). */
  delayMs?: number;
  /** `error`: the 5xx (or other) status to answer with (default 503). */
  status?: number;
  /** `malformed`: a truncated JSON body (default) or valid JSON of the wrong shape. */
  malformed?: 'truncated' | 'wrong-shape';
  /** Only Argo CD API requests whose path contains this (e.g. `/resource-tree`) get the fault. */
  path?: string;
  /** `forbidden`: the Kubernetes API refuses every read with 403, as without RBAC on the namespace. */
  kubernetes?: 'forbidden';
}

/** @public How the Kubernetes API reports an Argo CD component. */
export type ComponentState = 'ready' | 'notReady' | 'missing';

/** @public */
export interface FaultControl {
  get(): FaultState;
  /** Throws an Error with a readable message when the state is invalid. */
  set(state: FaultState): void;
  /** Back to normal: no API fault, no forced app health, every component ready. */
  reset(): void;
  /** Forces an app's health (e.g. Degraded); `undefined` or `Healthy` returns it to its computed health. */
  setApplicationHealth(
    name: string,
    health: { status: HealthStatusCode; message?: string } | undefined,
    namespace?: string,
  ): void;
  setComponentState(name: string, state: ComponentState): void;
  componentStates(): Record<string, ComponentState>;
}

const modes: FaultMode[] = ['none', 'down', 'slow', 'error', 'malformed'];
const healthCodes: HealthStatusCode[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];
const componentStates: ComponentState[] = ['ready', 'notReady', 'missing'];

export function validateFaultState(input: unknown): FaultState {
  const state = input as Partial<FaultState> | undefined;
  if (
    !state ||
    typeof state !== 'object' ||
    !modes.includes(state.mode as FaultMode)
  ) {
    throw new Error(`mode must be one of ${modes.join(', ')}`);
  }
  if (
    state.delayMs !== undefined &&
    (!Number.isInteger(state.delayMs) || state.delayMs < 0)
  ) {
    throw new Error('delayMs must be a non-negative integer');
  }
  if (
    state.status !== undefined &&
    (!Number.isInteger(state.status) ||
      state.status < 400 ||
      state.status > 599)
  ) {
    throw new Error('status must be an HTTP error status (400-599)');
  }
  if (
    state.malformed !== undefined &&
    !['truncated', 'wrong-shape'].includes(state.malformed)
  ) {
    throw new Error('malformed must be truncated or wrong-shape');
  }
  if (
    state.path !== undefined &&
    (typeof state.path !== 'string' || !state.path.startsWith('/'))
  ) {
    throw new Error('path must start with /');
  }
  if (state.kubernetes !== undefined && state.kubernetes !== 'forbidden') {
    throw new Error('kubernetes must be forbidden');
  }
  return {
    mode: state.mode!,
    ...(state.delayMs !== undefined ? { delayMs: state.delayMs } : {}),
    ...(state.status !== undefined ? { status: state.status } : {}),
    ...(state.malformed !== undefined ? { malformed: state.malformed } : {}),
    ...(state.path !== undefined ? { path: state.path } : {}),
    ...(state.kubernetes !== undefined ? { kubernetes: state.kubernetes } : {}),
  };
}

export function validateHealthCode(status: unknown): HealthStatusCode {
  if (!healthCodes.includes(status as HealthStatusCode)) {
    throw new Error(`status must be one of ${healthCodes.join(', ')}`);
  }
  return status as HealthStatusCode;
}

export function validateComponentState(state: unknown): ComponentState {
  if (!componentStates.includes(state as ComponentState)) {
    throw new Error(`state must be one of ${componentStates.join(', ')}`);
  }
  return state as ComponentState;
}

/** The simulator's fault switchboard; the admin endpoint and the library drive the same object. */
export class Faults implements FaultControl {
  private state: FaultState = { mode: 'none' };
  private readonly components = new Map<string, ComponentState>();

  constructor(
    private readonly hooks: {
      /** Drops open Argo CD API connections when the runtime goes down. */
      onDown(): void;
      applyApplicationHealth(
        name: string,
        namespace: string | undefined,
        health: { status: HealthStatusCode; message?: string } | undefined,
      ): void;
      clearApplicationHealth(): void;
      componentNames(): string[];
    },
  ) {}

  get(): FaultState {
    return { ...this.state };
  }

  set(state: FaultState): void {
    this.state = validateFaultState(state);
    if (this.state.mode === 'down') this.hooks.onDown();
  }

  reset(): void {
    this.state = { mode: 'none' };
    this.components.clear();
    this.hooks.clearApplicationHealth();
  }

  setApplicationHealth(
    name: string,
    health: { status: HealthStatusCode; message?: string } | undefined,
    namespace?: string,
  ): void {
    if (health) validateHealthCode(health.status);
    this.hooks.applyApplicationHealth(
      name,
      namespace,
      health?.status === 'Healthy' ? undefined : health,
    );
  }

  setComponentState(name: string, state: ComponentState): void {
    if (!this.hooks.componentNames().includes(name)) {
      throw new Error(
        `unknown component ${name}; known: ${this.hooks
          .componentNames()
          .join(', ')}`,
      );
    }
    validateComponentState(state);
    if (state === 'ready') this.components.delete(name);
    else this.components.set(name, state);
  }

  componentState(name: string): ComponentState {
    return this.components.get(name) ?? 'ready';
  }

  componentStates(): Record<string, ComponentState> {
    return Object.fromEntries(
      this.hooks.componentNames().map(n => [n, this.componentState(n)]),
    );
  }
}

const truncatedBody =
  '{"metadata":{"resourceVersion":"1"},"items":[{"metadata":{"name":"';
const wrongShapeBody =
  '{"items":{"unexpected":true},"metadata":"not-an-object","status":42}';

/** Express middleware putting the current fault in front of every Argo CD API route. */
export function faultMiddleware(faults: Faults, timers: Timers) {
  return (req: Request, res: Response, next: NextFunction) => {
    const state = faults.get();
    if (state.path && !req.path.includes(state.path)) {
      next();
      return;
    }
    switch (state.mode) {
      case 'down':
        req.socket.destroy();
        return;
      case 'slow':
        timers.after(state.delayMs ?? 2000, () => next());
        return;
      case 'error': {
        const status = state.status ?? 503;
        const message = `simulated failure: ${STATUS_CODES[status] ?? 'error'}`;
        res.status(status).json({
          error: message,
          code: grpcCodeForHttpStatus(status),
          message,
        });
        return;
      }
      case 'malformed':
        res
          .status(200)
          .type('application/json')
          .send(
            state.malformed === 'wrong-shape' ? wrongShapeBody : truncatedBody,
          );
        return;
      default:
        next();
    }
  };
}
