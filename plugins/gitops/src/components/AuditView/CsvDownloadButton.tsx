import { useApi, fetchApiRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { AuditFilter } from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { gitopsApiRef } from '../../api';
import { downloadCsv } from './downloadCsv';

/** Downloads the audit log under the current filters as CSV. */
export function CsvDownloadButton({ filter }: { filter: AuditFilter }) {
  const api = useApi(gitopsApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // The export covers every page, so no cursor or page size.
      const { cursor: _cursor, limit: _limit, ...rest } = filter;
      await downloadCsv(fetchApi, await api.getAuditCsvUrl(rest));
    } catch (e) {
      setError(`CSV download failed: ${(e as Error).message}`);
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
        Download CSV
      </Button>
      {error && (
        <Typography role="alert" variant="body2" color="error">
          {error}
        </Typography>
      )}
    </>
  );
}
