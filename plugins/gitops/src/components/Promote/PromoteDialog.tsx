import { Progress } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { errorMessage } from '../Releases/releaseStatus';
import { PromoteForm } from './PromoteForm';
import { PromotionPreviewPanel, previewIsEmpty } from './PromotionPreviewPanel';
import {
  PromoteFormProps,
  PromoteFormState,
  usePromoteForm,
} from './usePromoteForm';

const useStyles = makeStyles(theme => ({
  notice: { marginBottom: theme.spacing(2) },
}));

/** Cancel, Back, and Preview or Promote (Open pull request), each enabled when it can work. */
function PromoteDialogActions({
  form,
  onClose,
}: {
  form: PromoteFormState;
  onClose: () => void;
}) {
  const { preview, busy } = form;
  if (form.created) return <Button onClick={onClose}>Close</Button>;
  const spinner = (kind: 'preview' | 'create') =>
    busy === kind ? <CircularProgress size={14} /> : undefined;
  return (
    <>
      <Button onClick={onClose}>Cancel</Button>
      {preview && (
        <Button onClick={form.back} disabled={!!busy}>
          Back
        </Button>
      )}
      {preview ? (
        <Button
          color="primary"
          variant="contained"
          disabled={!!busy || form.denied || previewIsEmpty(preview)}
          onClick={form.confirm}
          startIcon={spinner('create')}
        >
          {preview.action === 'pull-request' ? 'Open pull request' : 'Promote'}
        </Button>
      ) : (
        <Button
          color="primary"
          variant="contained"
          disabled={
            !!busy ||
            !form.targets.value ||
            !form.fromName ||
            !form.toName ||
            form.sameEnvironment
          }
          onClick={form.runPreview}
          startIcon={spinner('preview')}
        >
          Preview
        </Button>
      )}
    </>
  );
}

/** What the dialog shows: loading, the form, the preview, or the started release. */
function PromoteDialogBody({ form }: { form: PromoteFormState }) {
  if (!form.targets.value) {
    return form.targets.error ? (
      <Alert severity="error">{errorMessage(form.targets.error)}</Alert>
    ) : (
      <Progress />
    );
  }
  if (form.created) {
    return (
      <Alert severity="success" role="status">
        Release {form.created} started.
      </Alert>
    );
  }
  if (form.preview) return <PromotionPreviewPanel preview={form.preview} />;
  return <PromoteForm form={form} />;
}

/**
 * Promote a product's version from one environment to another: choose environments, version, commit
 * or pull request and message, preview the exact diff and the gates that will hold it, then confirm;
 * confirming opens the new release's page. The state lives in `usePromoteForm`.
 */
export function PromoteDialog(
  props: PromoteFormProps & { productTitle?: string },
) {
  const classes = useStyles();
  const form = usePromoteForm(props);
  const { source, target, toName, product } = {
    ...form,
    product: props.product,
  };
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="gitops-promote-title"
    >
      <DialogTitle id="gitops-promote-title">
        Promote {props.productTitle ?? product}
        {source && target && !form.sameEnvironment
          ? `: ${source.title} → ${target.title}`
          : ''}
      </DialogTitle>
      <DialogContent dividers>
        {form.denied && toName && (
          <Alert severity="warning" className={classes.notice}>
            You are not allowed to promote {product} to{' '}
            {target?.title ?? toName}.
          </Alert>
        )}
        {form.error && (
          <Alert severity="error" role="alert" className={classes.notice}>
            {form.error}
          </Alert>
        )}
        <PromoteDialogBody form={form} />
      </DialogContent>
      <DialogActions>
        <PromoteDialogActions form={form} onClose={props.onClose} />
      </DialogActions>
    </Dialog>
  );
}
