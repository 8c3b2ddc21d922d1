import { RuntimeError, RuntimeLastError } from '@slipway/plugin-gitops-common';
import { RuntimeRequestError } from './errors';

/** What part of a runtime a failure concerns; each clears only its own failure on success. */
export type RuntimeArea = 'applications' | 'health';

/** Failures kept for the runtime page; older ones are dropped. */
const RECENT_ERRORS = 10;

/** Tracks whether a runtime answers, per area, its most recent failure and a few before it. */
export class RuntimeState {
  private readonly failures = new Map<RuntimeArea, RuntimeLastError>();
  private readonly recent: RuntimeLastError[] = [];

  succeeded(area: RuntimeArea): void {
    this.failures.delete(area);
  }

  failed(area: RuntimeArea, error: RuntimeRequestError): void {
    const failure = { ...error.toRuntimeError(), at: new Date().toISOString() };
    this.failures.set(area, failure);
    // A runtime failing the same way on every poll is one recent error, dated by its latest time.
    const same = this.recent.findIndex(
      e => e.kind === failure.kind && e.message === failure.message,
    );
    if (same >= 0) this.recent.splice(same, 1);
    this.recent.unshift(failure);
    this.recent.length = Math.min(this.recent.length, RECENT_ERRORS);
  }

  /** Failures newest first, including those the runtime has since recovered from. */
  get recentErrors(): RuntimeLastError[] {
    return [...this.recent];
  }

  failure(area: RuntimeArea): RuntimeLastError | undefined {
    return this.failures.get(area);
  }

  /** The failure of an area as the `errors` envelope reports it. */
  error(area: RuntimeArea): RuntimeError | undefined {
    const failure = this.failures.get(area);
    return (
      failure && {
        runtime: failure.runtime,
        kind: failure.kind,
        message: failure.message,
      }
    );
  }

  get reachable(): boolean {
    return this.failures.size === 0;
  }

  /** The most recent failure across areas. */
  get lastError(): RuntimeLastError | undefined {
    let latest: RuntimeLastError | undefined;
    for (const failure of this.failures.values()) {
      if (!latest || failure.at > latest.at) latest = failure;
    }
    return latest;
  }
}
