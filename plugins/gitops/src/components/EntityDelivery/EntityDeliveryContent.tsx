import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { gitopsApiRef } from '../../api';
import { getEntityProduct } from '../../annotations';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { ConfigProblemsPanel } from '../common/ConfigProblemsPanel';
import { FailedRuntimesBanner } from '../common/FailedRuntimesBanner';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { ProductDoraCard } from '../Insights/ProductDoraCard';
import { EnvironmentDiffPanel } from './EnvironmentDiffPanel';
import { EnvironmentMatrix } from './EnvironmentMatrix';
import { EntityReleasesCard } from './EntityReleasesCard';
import { PromotionBar } from './PromotionBar';
import { ProductAuditSection } from './ProductAuditSection';
import { productFiles, useProductDelivery } from './useProductDelivery';

/** The Delivery tab of an entity annotated `slipway.dev/product`: environment matrix, promotions, releases and diff. */
export function EntityDeliveryContent() {
  const { entity } = useEntity();
  const name = getEntityProduct(entity);
  const api = useApi(gitopsApiRef);
  const data = useProductDelivery(name);
  const [lastRelease, setLastRelease] = useState<string>();
  const config = useAutoRefresh(() => api.getConfigStatus(), [api]);
  const problems = name ? (
    <ConfigProblemsPanel status={config.value} files={productFiles(name)} />
  ) : null;

  if (!name) {
    return (
      <EmptyState
        missing="field"
        title="No Slipway product"
        description="Annotate the entity with slipway.dev/product: <product name> to show its delivery."
      />
    );
  }
  if (!data.value) {
    return data.error ? (
      <ResponseErrorPanel error={data.error} />
    ) : (
      <Progress />
    );
  }
  const { product, environments, applications } = data.value;
  if (!product) {
    return (
      <>
        {problems}
        <EmptyState
          missing="data"
          title={`Product ${name} is not defined`}
          description={`The delivery repository has no valid products/${name}.yaml. Add it, or fix the problems listed above.`}
        />
      </>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {data.error && (
          <StaleDataNotice
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
        {problems}
        <FailedRuntimesBanner errors={product.errors} />
        <InfoCard
          title={`${product.product.title}: environments`}
          subheader={
            <>
              Owner{' '}
              <EntityRefLink
                entityRef={product.product.owner}
                defaultKind="group"
              />
              {product.product.versionSource &&
                `\u00a0·\u00a0version from ${product.product.versionSource.file} ${product.product.versionSource.path}`}
            </>
          }
        >
          <EnvironmentMatrix
            state={product}
            environments={environments}
            applications={applications}
          />
          <PromotionBar
            state={product}
            environments={environments}
            onCreated={setLastRelease}
          />
          {product.unassigned.length > 0 && (
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ marginTop: 16 }}
            >
              Not in any environment:{' '}
              {product.unassigned
                .map(a => `${a.application.name} (${a.message})`)
                .join('; ')}
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <EntityReleasesCard refreshKey={lastRelease} />
      </Grid>
      <Grid item xs={12}>
        <ProductDoraCard product={product.product.name} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Compare environments"
          subheader="The values a promotion copies, side by side"
        >
          <EnvironmentDiffPanel
            product={product.product.name}
            environments={environments}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ProductAuditSection product={product.product.name} />
      </Grid>
    </Grid>
  );
}
