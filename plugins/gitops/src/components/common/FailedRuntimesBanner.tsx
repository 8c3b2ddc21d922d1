import { Alert } from '@backstage/ui';
import type { RuntimeError } from '@slipway/plugin-gitops-common';

const KIND_LABELS: Record<RuntimeError['kind'], string> = {
  unreachable: 'unreachable',
  timeout: 'timed out',
  unauthorized: 'unauthorized',
  'bad-response': 'bad response',
};

/** Names the runtimes that did not answer a fan-out read; what the others answered is still shown. */
export function FailedRuntimesBanner({ errors }: { errors: RuntimeError[] }) {
  if (errors.length === 0) return null;
  const names = errors.map(e => e.runtime).join(', ');
  return (
    <Alert
      status="warning"
      icon
      mb="4"
      title={`${
        errors.length === 1 ? 'Runtime' : 'Runtimes'
      } not answering: ${names}`}
      description={
        <>
          {errors.map(e => (
            <div key={e.runtime}>
              <strong>{e.runtime}</strong> ({KIND_LABELS[e.kind] ?? e.kind}):{' '}
              {e.message}
            </div>
          ))}
          <div>Data from the other runtimes is shown.</div>
        </>
      }
    />
  );
}
