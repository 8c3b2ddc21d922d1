import { useEffect, useState } from 'react';
import { formatTimestamp } from '../common/time';
import { formatDuration } from './releaseStatus';

/** The current time, ticking every `intervalMs` while mounted. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "in 1h 02m" counting down each second to `until`, then "any moment now". */
export function Countdown(props: { until: string; prefix?: string }) {
  const now = useNow();
  const at = Date.parse(props.until);
  if (Number.isNaN(at)) return null;
  const left = at - now;
  return (
    <time dateTime={props.until} title={formatTimestamp(props.until)}>
      {props.prefix ? `${props.prefix} ` : ''}
      {left > 0 ? `in ${formatDuration(left)}` : 'any moment now'}
    </time>
  );
}

/** How long a release ran, or has run so far: ticks each second only while it runs. */
export function ReleaseDuration(props: {
  release: { createdAt: string; finishedAt?: string };
}) {
  const { createdAt, finishedAt } = props.release;
  const now = useNow(finishedAt ? 60_000 : 1000);
  const end = finishedAt ? Date.parse(finishedAt) : now;
  return <>{formatDuration(end - Date.parse(createdAt))}</>;
}
