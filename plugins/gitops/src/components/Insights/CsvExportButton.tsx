import { fetchApiRef, useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { DoraFilter } from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { gitopsApiRef } from '../../api';
import { downloadCsv } from '../AuditView/downloadCsv';

/** Downloads the DORA series under the current filters as CSV, one row per bucket. */
export function CsvExportButton({ query }: { query: DoraFilter }) {
  const api = useApi(gitopsApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await downloadCsv(fetchApi, await api.getDoraCsvUrl(query));
    } catch (e) {
      setError(`CSV export failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        size="small"
        color="primary"
        onClick={download}
        disabled={busy}
        startIcon={busy ? <CircularProgress size={14} /> : <GetAppIcon />}
      >
        Export CSV
      </Button>
      {error && (
        <Typography role="alert" variant="body2" color="error">
          {error}
        </Typography>
      )}
    </>
  );
}
