import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';

/** `ghcr.io/org/payments-api:1.4.2` → `payments-api:1.4.2`; the full reference is on hover. */
function shortImage(image: string): string {
  return image.split('/').pop() ?? image;
}

/** Container images, the first `max` by short name and the rest behind "+n more". */
export function ImageList({ images, max }: { images: string[]; max?: number }) {
  if (images.length === 0) return <span>—</span>;
  const shown = max === undefined ? images : images.slice(0, max);
  const hidden = images.slice(shown.length);
  return (
    <>
      {shown.map(image => (
        <Tooltip key={image} title={image}>
          <Typography variant="body2" component="div" noWrap>
            <code>{shortImage(image)}</code>
          </Typography>
        </Tooltip>
      ))}
      {hidden.length > 0 && (
        <Tooltip title={hidden.join('\n')}>
          <Typography variant="caption" color="textSecondary">
            +{hidden.length} more
          </Typography>
        </Tooltip>
      )}
    </>
  );
}
