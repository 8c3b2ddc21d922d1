import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { getEntityProduct } from '../../annotations';
import { ProductReleases } from '../Releases';

/** The releases of the entity's product, newest first, with their status in each environment. */
export function EntityReleasesCard(props: {
  /** Changing it reloads the list at once (e.g. after a promotion from the same page). */
  refreshKey?: unknown;
}) {
  const { entity } = useEntity();
  const name = getEntityProduct(entity);
  return (
    <InfoCard
      title="Releases"
      subheader="Promotions of this product, newest first"
    >
      {name ? (
        <ProductReleases product={name} refreshKey={props.refreshKey} />
      ) : (
        <Typography>No slipway.dev/product annotation.</Typography>
      )}
    </InfoCard>
  );
}
