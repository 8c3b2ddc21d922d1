import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import type { PromotionAction } from '@slipway/plugin-gitops-common';
import { ChangeEvent } from 'react';
import {
  EnvironmentOption,
  PromoteFormState,
  versionHintOf,
  versionsLabel,
} from './usePromoteForm';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: theme.spacing(2),
    paddingTop: theme.spacing(1),
  },
  wide: { gridColumn: '1 / -1' },
}));

function EnvironmentSelect(props: {
  id: string;
  label: string;
  value?: string;
  environments: EnvironmentOption[];
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      variant="outlined"
      size="small"
      value={props.value ?? ''}
      onChange={(e: ChangeEvent<HTMLInputElement>) =>
        props.onChange(e.target.value)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      error={Boolean(props.error)}
      helperText={props.error}
    >
      {props.environments.map(e => (
        <option key={e.name} value={e.name}>
          {versionsLabel(e)}
        </option>
      ))}
    </TextField>
  );
}

/** The promotion's choices: environments, version, commit or pull request, and the commit message. */
export function PromoteForm({ form }: { form: PromoteFormState }) {
  const classes = useStyles();
  const { environments, source } = form;
  const versions = [...new Set(environments.flatMap(e => e.versions))];
  return (
    <div className={classes.form}>
      <EnvironmentSelect
        id="gitops-promote-from"
        label="From"
        value={form.fromName}
        environments={environments}
        onChange={form.setFrom}
      />
      <EnvironmentSelect
        id="gitops-promote-to"
        label="To"
        value={form.toName}
        environments={environments}
        onChange={form.setTo}
        error={form.sameEnvironment ? 'Choose another environment' : undefined}
      />
      <TextField
        id="gitops-promote-version"
        label="Version"
        variant="outlined"
        size="small"
        value={form.version}
        placeholder={source?.version ?? ''}
        helperText={source && versionHintOf(source)}
        onChange={e => form.setVersion(e.target.value)}
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
        value={form.action ?? ''}
        onChange={(e: ChangeEvent<HTMLInputElement>) =>
          form.setAction((e.target.value || undefined) as PromotionAction)
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        helperText={
          form.pullRequestsUnsupported
            ? `Commits only: ${form.pullRequestsUnsupported}`
            : "Default: the flow step's action, else a commit"
        }
      >
        <option value="">Flow default</option>
        <option value="commit">Commit to the branch</option>
        {!form.pullRequestsUnsupported && (
          <option value="pull-request">Open a pull request</option>
        )}
      </TextField>
      <TextField
        id="gitops-promote-message"
        className={classes.wide}
        label="Commit message"
        variant="outlined"
        size="small"
        multiline
        minRows={2}
        value={form.text}
        onChange={e => form.setMessage(e.target.value)}
        InputLabelProps={{ shrink: true }}
      />
    </div>
  );
}
