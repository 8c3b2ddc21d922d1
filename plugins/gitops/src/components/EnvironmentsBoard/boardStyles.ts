import { makeStyles } from '@material-ui/core/styles';

/**
 * One stylesheet for the whole board: 500 products × 5 environments are thousands of cells, so cells
 * are plain elements with shared classes (no per-cell MUI components, tooltips or styles hooks), and
 * every product row skips layout and paint while off screen (`content-visibility: auto`).
 */
export const useBoardStyles = makeStyles(theme => ({
  grid: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    fontSize: theme.typography.body2.fontSize,
  },
  row: {
    display: 'grid',
    gap: theme.spacing(1),
    contentVisibility: 'auto',
  },
  compactRow: { containIntrinsicSize: 'auto 64px' },
  detailedRow: { containIntrinsicSize: 'auto 132px' },
  header: {
    display: 'grid',
    gap: theme.spacing(1),
    position: 'sticky',
    top: 0,
    zIndex: 2,
    background: theme.palette.background.default,
    paddingBottom: theme.spacing(1),
  },
  columnHeader: {
    padding: theme.spacing(1, 1.5),
    borderRadius: 4,
    borderTop: `4px solid ${theme.palette.grey[400]}`,
    background: theme.palette.background.paper,
    boxShadow: theme.shadows[1],
  },
  productionHeader: { borderTopColor: theme.palette.info.main },
  columnTitle: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontWeight: theme.typography.fontWeightBold as number,
    marginBottom: theme.spacing(0.5),
  },
  tierBadge: {
    fontSize: theme.typography.caption.fontSize,
    fontWeight: theme.typography.fontWeightMedium as number,
    padding: '0 6px',
    borderRadius: 8,
    color: theme.palette.info.contrastText,
    background: theme.palette.info.main,
  },
  muted: { color: theme.palette.text.secondary },
  frozen: {
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.warning.dark,
  },
  productCell: {
    padding: theme.spacing(1, 1.5),
    minWidth: 0,
    overflow: 'hidden',
  },
  productLink: {
    color: theme.palette.link ?? theme.palette.primary.main,
    '&:hover': { textDecoration: 'underline' },
  },
  productTitle: {
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    display: 'block',
  },
  card: {
    padding: theme.spacing(1, 1.5),
    borderRadius: 4,
    border: `1px solid ${theme.palette.divider}`,
    borderLeftWidth: 4,
    background: theme.palette.background.paper,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: 2,
    position: 'relative',
    '&:hover $cardMenu, &:focus-within $cardMenu': { opacity: 1 },
  },
  // A plain button (no MUI IconButton per cell): thousands of cards share one menu.
  cardMenu: {
    position: 'absolute',
    top: 2,
    right: 2,
    border: 0,
    borderRadius: 4,
    padding: '0 6px',
    lineHeight: '20px',
    font: 'inherit',
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.text.secondary,
    background: 'transparent',
    cursor: 'pointer',
    opacity: 0.4,
    '&:hover, &:focus-visible': {
      opacity: 1,
      background: theme.palette.action.hover,
    },
  },
  dropTarget: {
    outline: `2px dashed ${theme.palette.primary.main}`,
    outlineOffset: 2,
  },
  productionCard: {
    background: theme.palette.type === 'dark' ? '#1c2a3a' : '#f3f8fd',
  },
  absent: {
    padding: theme.spacing(1, 1.5),
    border: `1px dashed ${theme.palette.divider}`,
    borderRadius: 4,
    color: theme.palette.text.disabled,
  },
  version: {
    fontFamily: 'monospace',
    fontWeight: theme.typography.fontWeightBold as number,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  mixed: { color: theme.palette.warning.dark },
  statusLine: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  status: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  dot: {
    display: 'inline-block',
    width: 8,
    height: 8,
    borderRadius: '50%',
    flexShrink: 0,
  },
  drift: {
    fontSize: theme.typography.caption.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
    padding: '0 6px',
    borderRadius: 8,
    color: '#5c4400',
    background: '#fde9a8',
  },
  releaseBadge: {
    alignSelf: 'flex-start',
    fontSize: theme.typography.caption.fontSize,
    fontWeight: theme.typography.fontWeightMedium as number,
    padding: '0 6px',
    borderRadius: 8,
    border: '1px solid',
    color: theme.palette.text.primary,
    maxWidth: '100%',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  upToDate: {
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.success.dark,
  },
  aheadBadge: {
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.info.dark,
  },
  clickable: {
    cursor: 'pointer',
    '&:hover': { boxShadow: theme.shadows[2] },
  },
  versionLink: { color: 'inherit' },
  section: { marginTop: theme.spacing(4) },
}));

export type BoardClasses = ReturnType<typeof useBoardStyles>;
