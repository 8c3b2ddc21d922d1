import type { ReleaseGateType } from '@slipway/plugin-gitops-node';
import {
  HttpAnswer,
  httpCheckVerdict,
  readHttpCheckSettings,
  renderBody,
} from '../../domain/releases/httpCheck';
import type { GateSecrets } from './gateSecrets';

/** One request may take this long; the engine's extension timeout bounds the whole look. */
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * `type: http-check`: asks another system (a test suite, an incident status page) over HTTP and
 * passes once its answer meets the gate's expectation.
 */
export function createHttpCheckGateType(options: {
  secrets: GateSecrets;
}): ReleaseGateType {
  const secretNames = [...options.secrets.keys()];
  return {
    type: 'http-check',
    validate: settings => readHttpCheckSettings(settings, secretNames).problems,
    async evaluate(release, step, gate) {
      const { settings, problems } = readHttpCheckSettings(
        gate.settings,
        secretNames,
      );
      if (!settings) return { result: 'fail', reason: problems.join('; ') };
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(settings.headers)) {
        headers[name] =
          typeof value === 'string'
            ? value
            : options.secrets.get(value.secret)!;
      }
      let body: string | undefined;
      if (settings.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(
          renderBody(settings.body, {
            product: release.product,
            version: release.version,
            environment: step.environment,
            releaseId: release.id,
            commit:
              step.applications.find(a => a.commitSha)?.commitSha ??
              release.sourceRevision ??
              '',
          }),
        );
      }
      const now = new Date();
      let answer: HttpAnswer;
      try {
        const response = await fetch(settings.url, {
          method: settings.method,
          headers,
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        answer = {
          kind: 'response',
          status: response.status,
          body: await response.text(),
        };
      } catch (error) {
        const cause = (error as { cause?: Error }).cause;
        answer = {
          kind: 'unreachable',
          error: cause?.message ?? (error as Error).message,
        };
      }
      return httpCheckVerdict(
        settings,
        answer,
        new Date(gate.startedAt ?? now.toISOString()),
        now,
      );
    },
  };
}
