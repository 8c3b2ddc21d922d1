import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** A count such as "4/5 ready": plain when nothing is wrong, else in red with what is wrong in a tooltip. */
export function CountCell(props: {
  text: string;
  problems: Array<{ key: string; line: ReactNode }>;
}) {
  if (props.problems.length === 0)
    return <Typography variant="body2">{props.text}</Typography>;
  return (
    <Tooltip
      title={
        <>
          {props.problems.map(p => (
            <div key={p.key}>{p.line}</div>
          ))}
        </>
      }
    >
      <Typography variant="body2" color="error">
        {props.text}
      </Typography>
    </Tooltip>
  );
}
