import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  PromotionAction,
  PromotionPreview,
  PromotionRequest,
} from '@slipway/plugin-gitops-common';
import { ChangeEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { errorMessage } from '../Releases/releaseStatus';
import { useReleaseLink } from '../Releases/useReleaseLink';
import { usePromotePermission } from './PromoteButton';
import { PromotionPreviewPanel, previewIsEmpty } from './PromotionPreviewPanel';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: theme.spacing(2),
    paddingTop: theme.spacing(1),
  },
  wide: { gridColumn: '1 / -1' },
  notice: { marginBottom: theme.spacing(2) },
}));

interface EnvironmentOption {
  name: string;
  title: string;
  /** The product's versions there, highest first. */
  versions: string[];
  /** The single version every application runs, if they agree. */
  version?: string;
}

/** The environments in board order, each with the product's versions there. */
function usePromotionTargets(product: string) {
  const api = useApi(gitopsApiRef);
  return useAsync(async () => {
    const [environments, states] = await Promise.all([
      api.getEnvironments(),
      api
        .getProduct(product)
        .then(d => d.environments)
        .catch(() =>
          api
            .getProducts()
            .then(
              r =>
                r.items.find(p => p.product.name === product)?.environments ??
                [],
            ),
        ),
    ]);
    const byName = new Map(states.map(s => [s.environment, s]));
    return [...environments.items]
      .sort((a, b) => a.order - b.order)
      .map(
        (e): EnvironmentOption => ({
          name: e.name,
          title: e.title,
          versions: byName.get(e.name)?.versions ?? [],
          version: byName.get(e.name)?.version,
        }),
      );
  }, [api, product]);
}

function defaultMessage(
  product: string,
  version: string | undefined,
  from?: EnvironmentOption,
  to?: EnvironmentOption,
) {
  const v = version || from?.version || '';
  return `Promote ${product}${v ? ` ${v}` : ''} from ${from?.title ?? '…'} to ${
    to?.title ?? '…'
  }`;
}

function versionHintOf(source: EnvironmentOption) {
  if (source.version) {
    return `Empty: the version running in ${source.title} (${source.version})`;
  }
  if (source.versions.length) {
    return `${source.title} runs ${source.versions.join(', ')}: name one`;
  }
  return `${source.title} runs no known version: name one`;
}

function versionsLabel(e: EnvironmentOption) {
  if (e.version) return `${e.title} (${e.version})`;
  if (e.versions.length) return `${e.title} (${e.versions.join(', ')})`;
  return `${e.title} (not deployed)`;
}

/**
 * Promote a product's version from one environment to another: choose environments, version, commit
 * or pull request and message, preview the exact diff and the gates that will hold it, then confirm;
 * confirming opens the new release's page.
 */
export function PromoteDialog(props: {
  product: string;
  productTitle?: string;
  from?: string;
  to?: string;
  onClose: () => void;
  /** Told the new release's id once it is recorded. */
  onCreated?: (releaseId: string) => void;
}) {
  const { product } = props;
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const navigate = useNavigate();
  const releaseLink = useReleaseLink();
  const targets = usePromotionTargets(product);
  const environments = targets.value ?? [];

  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const [version, setVersion] = useState('');
  const [action, setAction] = useState<PromotionAction>();
  const [message, setMessage] = useState<string>();
  const [preview, setPreview] = useState<PromotionPreview>();
  const [busy, setBusy] = useState<'preview' | 'create'>();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<string>();

  // Defaults once the environments are known: from the first deployed one, to the next after it.
  const fromName =
    from ??
    environments.find(e => e.versions.length > 0)?.name ??
    environments[0]?.name;
  const fromIndex = environments.findIndex(e => e.name === fromName);
  const toName =
    to ??
    environments[fromIndex + 1]?.name ??
    environments.find(e => e.name !== fromName)?.name;
  const source = environments.find(e => e.name === fromName);
  const target = environments.find(e => e.name === toName);
  const text =
    message ?? defaultMessage(product, version.trim(), source, target);

  const permission = usePromotePermission(product, toName ?? '');
  const denied = !permission.loading && !permission.allowed;

  const request = (): PromotionRequest => ({
    from: fromName!,
    to: toName!,
    version: version.trim() || undefined,
    action,
    message: text.trim() || undefined,
  });

  const edit = (apply: () => void) => {
    apply();
    setPreview(undefined);
    setError(undefined);
  };

  const runPreview = async () => {
    setBusy('preview');
    setError(undefined);
    try {
      setPreview(await api.previewPromotion(product, request()));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const confirm = async () => {
    setBusy('create');
    setError(undefined);
    try {
      const { releaseId } = await api.createPromotion(product, request());
      props.onCreated?.(releaseId);
      const link = releaseLink(releaseId);
      if (link) {
        props.onClose();
        navigate(link);
      } else {
        setCreated(releaseId);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const sameEnvironment = fromName !== undefined && fromName === toName;
  const versionHint = source && versionHintOf(source);

  const select = (
    id: string,
    label: string,
    value: string | undefined,
    onChange: (value: string) => void,
  ) => (
    <TextField
      select
      id={id}
      label={label}
      variant="outlined"
      size="small"
      value={value ?? ''}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      error={label === 'To' && sameEnvironment}
      helperText={
        label === 'To' && sameEnvironment
          ? 'Choose another environment'
          : undefined
      }
    >
      {environments.map(e => (
        <option key={e.name} value={e.name}>
          {versionsLabel(e)}
        </option>
      ))}
    </TextField>
  );

  const title = `Promote ${props.productTitle ?? product}`;
  let content: JSX.Element;
  if (!targets.value) {
    content = targets.error ? (
      <Alert severity="error">{errorMessage(targets.error)}</Alert>
    ) : (
      <Progress />
    );
  } else if (created) {
    content = (
      <Alert severity="success" role="status">
        Release {created} started.
      </Alert>
    );
  } else if (preview) {
    content = <PromotionPreviewPanel preview={preview} />;
  } else {
    const versions = [...new Set(environments.flatMap(e => e.versions))];
    content = (
      <div className={classes.form}>
        {select('gitops-promote-from', 'From', fromName, v =>
          edit(() => setFrom(v)),
        )}
        {select('gitops-promote-to', 'To', toName, v => edit(() => setTo(v)))}
        <TextField
          id="gitops-promote-version"
          label="Version"
          variant="outlined"
          size="small"
          value={version}
          placeholder={source?.version ?? ''}
          helperText={versionHint}
          onChange={e => edit(() => setVersion(e.target.value))}
          InputLabelProps={{ shrink: true }}
          inputProps={{ list: 'gitops-promote-versions' }}
        />
        <datalist id="gitops-promote-versions">
          {versions.map(v => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <TextField
          select
          id="gitops-promote-action"
          label="Action"
          variant="outlined"
          size="small"
          value={action ?? ''}
          onChange={(e: ChangeEvent<HTMLInputElement>) =>
            edit(() =>
              setAction((e.target.value || undefined) as PromotionAction),
            )
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          helperText="Default: the flow step's action, else a commit"
        >
          <option value="">Flow default</option>
          <option value="commit">Commit to the branch</option>
          <option value="pull-request">Open a pull request</option>
        </TextField>
        <TextField
          id="gitops-promote-message"
          className={classes.wide}
          label="Commit message"
          variant="outlined"
          size="small"
          multiline
          minRows={2}
          value={text}
          onChange={e => edit(() => setMessage(e.target.value))}
          InputLabelProps={{ shrink: true }}
        />
      </div>
    );
  }

  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="gitops-promote-title"
    >
      <DialogTitle id="gitops-promote-title">
        {title}
        {source && target && !sameEnvironment
          ? `: ${source.title} → ${target.title}`
          : ''}
      </DialogTitle>
      <DialogContent dividers>
        {denied && toName && (
          <Alert severity="warning" className={classes.notice}>
            You are not allowed to promote {product} to{' '}
            {target?.title ?? toName}.
          </Alert>
        )}
        {error && (
          <Alert severity="error" role="alert" className={classes.notice}>
            {error}
          </Alert>
        )}
        {content}
      </DialogContent>
      <DialogActions>
        {created ? (
          <Button onClick={props.onClose}>Close</Button>
        ) : (
          <>
            <Button onClick={props.onClose}>Cancel</Button>
            {preview && (
              <Button onClick={() => edit(() => {})} disabled={!!busy}>
                Back
              </Button>
            )}
            {preview ? (
              <Button
                color="primary"
                variant="contained"
                disabled={!!busy || denied || previewIsEmpty(preview)}
                onClick={confirm}
                startIcon={
                  busy === 'create' ? <CircularProgress size={14} /> : undefined
                }
              >
                {preview.action === 'pull-request'
                  ? 'Open pull request'
                  : 'Promote'}
              </Button>
            ) : (
              <Button
                color="primary"
                variant="contained"
                disabled={
                  !!busy ||
                  !targets.value ||
                  !fromName ||
                  !toName ||
                  sameEnvironment
                }
                onClick={runPreview}
                startIcon={
                  busy === 'preview' ? (
                    <CircularProgress size={14} />
                  ) : undefined
                }
              >
                Preview
              </Button>
            )}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
