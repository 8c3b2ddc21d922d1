import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * An entity card about the entity's product (its slipway.dev/product annotation): says so when the
 * annotation is missing, shows progress or the error while the data is not there, else `render`s it.
 */
export function ProductInfoCard<T>(props: {
  title: string;
  product: string | undefined;
  data: { value?: T; error?: Error };
  deepLink?: { title: string; link: string };
  render: (value: T, product: string) => JSX.Element;
}) {
  const { product, data } = props;
  let body: JSX.Element;
  if (!product) {
    body = <Typography>No slipway.dev/product annotation.</Typography>;
  } else if (!data.value) {
    body = data.error ? (
      <ResponseErrorPanel error={data.error} />
    ) : (
      <Progress />
    );
  } else {
    body = props.render(data.value, product);
  }
  return (
    <InfoCard
      title={props.title}
      subheader={product ? `Product ${product}` : undefined}
      deepLink={props.deepLink}
    >
      {body}
    </InfoCard>
  );
}
