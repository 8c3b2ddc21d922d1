import { useApi, fetchApiRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { downloadCsv } from './downloadCsv';

/**
 * Downloads a CSV export through the app's fetch (so it carries the user's credentials); `csvUrl` gives
 * the address under the current filters. A failure is shown beside the button.
 */
export function CsvDownloadButton(props: {
  label: string;
  /** Opens the message shown when it fails, e.g. "CSV download failed". */
  failure: string;
  csvUrl: () => Promise<string>;
}) {
  const fetchApi = useApi(fetchApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await downloadCsv(fetchApi, await props.csvUrl());
    } catch (e) {
      setError(`${props.failure}: ${(e as Error).message}`);
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
        {props.label}
      </Button>
      {error && (
        <Typography role="alert" variant="body2" color="error">
          {error}
        </Typography>
      )}
    </>
  );
}
