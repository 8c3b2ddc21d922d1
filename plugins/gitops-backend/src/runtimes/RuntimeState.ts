import { RuntimeError, RuntimeLastError } from '@slipway/plugin-gitops-common';
import { RuntimeRequestError } from './errors';

/** What part of a runtime a failure concerns; each clears only its own failure on success. */
export type RuntimeArea = 'applications' | 'health';

/** Tracks whether a runtime answers, per area, and its most recent failure. */
export class RuntimeState {
  private readonly failures = new Map<RuntimeArea, RuntimeLastError>();

  succeeded(area: RuntimeArea): void {
    this.failures.delete(area);
  }

  failed(area: RuntimeArea, error: RuntimeRequestError): void {
    this.failures.set(area, {
      ...error.toRuntimeError(),
      at: new Date().toISOString(),
    });
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
