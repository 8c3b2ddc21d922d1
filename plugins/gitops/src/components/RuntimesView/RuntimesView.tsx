import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { FailedRuntimesBanner } from '../common/FailedRuntimesBanner';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { RuntimesTable } from './RuntimesTable';

/** Health of every configured Argo CD runtime, refreshed while the page is visible. */
export function RuntimesView() {
  const api = useApi(gitopsApiRef);
  const { value, error, loading, loadedAt, retry } = useAutoRefresh(
    () => api.getRuntimes(),
    [api],
  );

  if (!value) {
    if (error) return <ResponseErrorPanel error={error} />;
    return <Progress />;
  }
  if (value.items.length === 0 && value.errors.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No runtimes configured"
        description="Declare Argo CD instances under gitops.runtimes in app-config to see their health here."
      />
    );
  }
  return (
    <>
      {error && (
        <StaleDataNotice error={error} loadedAt={loadedAt} onRetry={retry} />
      )}
      <FailedRuntimesBanner errors={value.errors} />
      <RuntimesTable runtimes={value.items} loading={loading} />
    </>
  );
}
