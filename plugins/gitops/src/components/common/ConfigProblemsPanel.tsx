import { Alert } from '@backstage/ui';
import Link from '@material-ui/core/Link';
import type { DeliveryConfigStatus } from '@slipway/plugin-gitops-common';
import { repositoryFileUrl } from './deliveryLinks';

/**
 * The delivery repository's problems (file, path, message), each file linked when the repository has a
 * web page. Only what is valid is shown elsewhere on the page; this says what was left out and why.
 */
export function ConfigProblemsPanel({
  status,
  files,
}: {
  status?: DeliveryConfigStatus;
  /** Only problems in these files (e.g. the product's own), when given. */
  files?: (file: string) => boolean;
}) {
  const problems = (status?.problems ?? []).filter(
    p => !files || files(p.file),
  );
  if (!status || problems.length === 0) return null;
  const errors = problems.filter(p => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = [
    errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '',
    warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Alert
      status="warning"
      icon
      mb="4"
      title={`Delivery configuration problems: ${counts}`}
      description={
        <div role="list" aria-label="Delivery configuration problems">
          {problems.map(p => {
            const url = repositoryFileUrl(
              status.repository,
              status.commit || status.branch,
              p.file,
            );
            return (
              <div role="listitem" key={`${p.file}|${p.path}|${p.message}`}>
                <strong>{p.severity}</strong>{' '}
                {url ? (
                  <Link href={url} target="_blank" rel="noopener noreferrer">
                    {p.file}
                  </Link>
                ) : (
                  <code>{p.file}</code>
                )}
                {p.path && (
                  <>
                    {' '}
                    <code>{p.path}</code>
                  </>
                )}
                : {p.message}
              </div>
            );
          })}
          <div>
            The valid documents of {status.repository} at{' '}
            {status.commit.slice(0, 7) || status.branch} are shown.
          </div>
        </div>
      }
    />
  );
}
