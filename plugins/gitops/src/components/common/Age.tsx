import { formatAge, formatTimestamp } from './time';

/** A relative time with the exact time on hover, or a dash when unknown. */
export function Age({ at }: { at?: string }) {
  const age = formatAge(at);
  if (!age) return <span>—</span>;
  return (
    <time dateTime={at} title={formatTimestamp(at)}>
      {age}
    </time>
  );
}
