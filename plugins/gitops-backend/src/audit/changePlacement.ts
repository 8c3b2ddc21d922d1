/** A repository folder that holds one product's application in one environment. */
export interface PlacedFolder {
  /** Folder inside the repository, without leading or trailing slashes ('' for the root). */
  path: string;
  product: string;
  environment: string;
}

export interface ChangePlacement {
  product?: string;
  environment?: string;
}

const DELIVERY_DOCUMENT = /^(products|environments)\/([^/]+)\.ya?ml$/;

export function normaliseFolder(path: string | undefined): string {
  return (path ?? '').replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

function inFolder(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}

/** The one value every match agrees on, or nothing when they disagree or none matched. */
function agreed(values: Array<string | undefined>): string | undefined {
  const distinct = new Set(values.filter((v): v is string => Boolean(v)));
  return distinct.size === 1 ? [...distinct][0] : undefined;
}

/**
 * The product and environment a commit belongs to, from the paths it changed: an application folder
 * names both; a delivery document (`products/x.yaml`, `environments/y.yaml`) names one. A commit that
 * spans several products (or environments) names none of them rather than one at random.
 */
export function placeChangedPaths(
  paths: readonly string[] | undefined,
  folders: readonly PlacedFolder[],
  deliveryRepository: boolean,
): ChangePlacement {
  if (!paths?.length) return {};
  const products: Array<string | undefined> = [];
  const environments: Array<string | undefined> = [];
  for (const file of paths.map(normaliseFolder)) {
    const document = deliveryRepository ? DELIVERY_DOCUMENT.exec(file) : null;
    if (document) {
      if (document[1] === 'products') products.push(document[2]);
      else environments.push(document[2]);
      continue;
    }
    // The deepest folder wins: an app at `apps/pay/prod` over one at the repository root.
    const owner = folders
      .filter(folder => inFolder(file, folder.path))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (owner) {
      products.push(owner.product);
      environments.push(owner.environment);
    }
  }
  const product = agreed(products);
  const environment = agreed(environments);
  return {
    ...(product ? { product } : {}),
    ...(environment ? { environment } : {}),
  };
}
