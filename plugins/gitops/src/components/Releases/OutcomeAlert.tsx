import Alert from '@material-ui/lab/Alert';

/** What a release action answered: its success, or the backend's refusal as it was given. */
export type Outcome = { ok: boolean; message: string };

/** The outcome of a release action until dismissed: a success is a status, a refusal an alert. */
export function OutcomeAlert(props: {
  outcome: Outcome;
  className?: string;
  onClose: () => void;
}) {
  const { ok, message } = props.outcome;
  return (
    <Alert
      className={props.className}
      severity={ok ? 'success' : 'error'}
      role={ok ? 'status' : 'alert'}
      onClose={props.onClose}
    >
      {message}
    </Alert>
  );
}
