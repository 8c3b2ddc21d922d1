import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { ReactNode } from 'react';

/** The one text field a confirmation may ask for (a reason, a comment); its value is the caller's. */
export type ConfirmDialogField = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Confirm stays disabled until the field holds more than white space. */
  required?: boolean;
  multiline?: boolean;
};

/**
 * Asks before an action: a title, what the action does, optionally one text field, Cancel and the
 * confirm button. `wide` is for a dialog holding a form: as wide as it may be, its body set apart by dividers.
 */
export function ConfirmDialog(props: {
  open: boolean;
  /** Id of the title, which names the dialog. */
  titleId: string;
  title: ReactNode;
  children: ReactNode;
  field?: ConfirmDialogField;
  confirmLabel: ReactNode;
  confirmColor?: 'primary' | 'secondary';
  confirmDisabled?: boolean;
  wide?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { field } = props;
  const missing = Boolean(field?.required && !field.value.trim());
  return (
    <Dialog
      open={props.open}
      onClose={props.onCancel}
      aria-labelledby={props.titleId}
      fullWidth={props.wide}
    >
      <DialogTitle id={props.titleId}>{props.title}</DialogTitle>
      <DialogContent dividers={props.wide}>
        {props.children}
        {field && (
          <TextField
            id={field.id}
            fullWidth
            margin="normal"
            required={field.required}
            label={field.label}
            value={field.value}
            onChange={e => field.onChange(e.target.value)}
            multiline={field.multiline}
            minRows={field.multiline ? 2 : undefined}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color={props.confirmColor ?? 'primary'}
          variant="contained"
          disabled={props.confirmDisabled || missing}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
