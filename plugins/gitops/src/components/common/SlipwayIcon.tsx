import SvgIcon, { SvgIconProps } from '@material-ui/core/SvgIcon';

/** A ship on a slipway: the hull on its launch rails. */
export function SlipwayIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 13h13l-2.5 4H6.5z" />
      <path d="M9 6h5v6H9z" />
      <path d="M11 3h1.5v3H11z" />
      <path d="M2 20l20-3v1.5L2 21.5z" />
    </SvgIcon>
  );
}
