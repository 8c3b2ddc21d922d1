import { Alert, Button } from '@backstage/ui';

/** Shown when a background refresh failed: the last good data stays on screen, marked as old. */
export function StaleDataNotice({
  error,
  loadedAt,
  onRetry,
}: {
  error: Error;
  loadedAt?: Date;
  onRetry: () => void;
}) {
  return (
    <Alert
      status="danger"
      icon
      mb="4"
      title={`Refresh failed: ${error.message}`}
      description={
        loadedAt
          ? `Showing data loaded at ${loadedAt.toLocaleTimeString()}.`
          : undefined
      }
      customActions={
        <Button size="small" variant="secondary" onPress={onRetry}>
          Retry
        </Button>
      }
    />
  );
}
