import { useApi } from '@backstage/frontend-plugin-api';
import {
  PromotionAction,
  PromotionPreview,
  PromotionRequest,
} from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { errorMessage } from '../Releases/releaseStatus';
import { useReleaseLink } from '../Releases/useReleaseLink';
import { usePromotePermission } from './PromoteButton';

export interface EnvironmentOption {
  name: string;
  title: string;
  /** The product's versions there, highest first. */
  versions: string[];
  /** The single version every application runs, if they agree. */
  version?: string;
}

/**
 * The environments in board order, each with the product's versions there, and whether the product's
 * repositories can host pull requests (unknown when only the board answered).
 */
function usePromotionTargets(product: string) {
  const api = useApi(gitopsApiRef);
  return useAsync(async () => {
    const [environments, { states, pullRequests }] = await Promise.all([
      api.getEnvironments(),
      api
        .getProduct(product)
        .then(d => ({ states: d.environments, pullRequests: d.pullRequests }))
        .catch(() =>
          api.getProducts().then(r => ({
            states:
              r.items.find(p => p.product.name === product)?.environments ?? [],
            pullRequests: undefined,
          })),
        ),
    ]);
    const byName = new Map(
      states.map(
        (s: { environment: string; versions: string[]; version?: string }) => [
          s.environment,
          s,
        ],
      ),
    );
    const options = [...environments.items]
      .sort((a, b) => a.order - b.order)
      .map(
        (e): EnvironmentOption => ({
          name: e.name,
          title: e.title,
          versions: byName.get(e.name)?.versions ?? [],
          version: byName.get(e.name)?.version,
        }),
      );
    return { options, pullRequests };
  }, [api, product]);
}

function defaultMessage(
  product: string,
  version: string | undefined,
  from?: EnvironmentOption,
  to?: EnvironmentOption,
) {
  const v = version || from?.version || '';
  return `Promote ${product}${v ? ` ${v}` : ''} from ${from?.title ?? '…'} to ${
    to?.title ?? '…'
  }`;
}

export function versionHintOf(source: EnvironmentOption) {
  if (source.version) {
    return `Empty: the version running in ${source.title} (${source.version})`;
  }
  if (source.versions.length) {
    return `${source.title} runs ${source.versions.join(', ')}: name one`;
  }
  return `${source.title} runs no known version: name one`;
}

export function versionsLabel(e: EnvironmentOption) {
  if (e.version) return `${e.title} (${e.version})`;
  if (e.versions.length) return `${e.title} (${e.versions.join(', ')})`;
  return `${e.title} (not deployed)`;
}

export interface PromoteFormProps {
  product: string;
  from?: string;
  to?: string;
  onClose: () => void;
  /** Told the new release's id once it is recorded. */
  onCreated?: (releaseId: string) => void;
}

/**
 * The state of a promotion form: the environments to choose from, the choices (with defaults: from the
 * first deployed environment to the next one), the preview and the created release, and the two
 * requests (preview, confirm). Confirming opens the new release's page when the app has one.
 */
export function usePromoteForm(props: PromoteFormProps) {
  const { product } = props;
  const api = useApi(gitopsApiRef);
  const navigate = useNavigate();
  const releaseLink = useReleaseLink();
  const targets = usePromotionTargets(product);
  const environments = targets.value?.options ?? [];
  /** Why the pull-request action is not offered, when the product's Git hosts cannot open one. */
  const pullRequestsUnsupported =
    targets.value?.pullRequests?.supported === false
      ? targets.value.pullRequests.reason ??
        'These repositories cannot host pull requests'
      : undefined;

  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const [version, setVersion] = useState('');
  const [action, setAction] = useState<PromotionAction>();
  const [message, setMessage] = useState<string>();
  const [preview, setPreview] = useState<PromotionPreview>();
  const [busy, setBusy] = useState<'preview' | 'create'>();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<string>();

  const fromName =
    from ??
    environments.find(e => e.versions.length > 0)?.name ??
    environments[0]?.name;
  const fromIndex = environments.findIndex(e => e.name === fromName);
  const toName =
    to ??
    environments[fromIndex + 1]?.name ??
    environments.find(e => e.name !== fromName)?.name;
  const source = environments.find(e => e.name === fromName);
  const target = environments.find(e => e.name === toName);
  const text =
    message ?? defaultMessage(product, version.trim(), source, target);

  const permission = usePromotePermission(product, toName ?? '');
  const denied = !permission.loading && !permission.allowed;
  const sameEnvironment = fromName !== undefined && fromName === toName;

  const request = (): PromotionRequest => ({
    from: fromName!,
    to: toName!,
    version: version.trim() || undefined,
    action,
    message: text.trim() || undefined,
  });

  /** Any change discards the preview and the last error. */
  const edit = (apply: () => void) => {
    apply();
    setPreview(undefined);
    setError(undefined);
  };

  const runPreview = async () => {
    setBusy('preview');
    setError(undefined);
    try {
      setPreview(await api.previewPromotion(product, request()));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const confirm = async () => {
    setBusy('create');
    setError(undefined);
    try {
      const { releaseId } = await api.createPromotion(product, request());
      props.onCreated?.(releaseId);
      const link = releaseLink(releaseId);
      if (link) {
        props.onClose();
        navigate(link);
      } else {
        setCreated(releaseId);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  return {
    targets,
    environments,
    fromName,
    toName,
    source,
    target,
    sameEnvironment,
    denied,
    pullRequestsUnsupported,
    version,
    action,
    text,
    preview,
    busy,
    error,
    created,
    setFrom: (v: string) => edit(() => setFrom(v)),
    setTo: (v: string) => edit(() => setTo(v)),
    setVersion: (v: string) => edit(() => setVersion(v)),
    setAction: (v: PromotionAction | undefined) => edit(() => setAction(v)),
    setMessage: (v: string) => edit(() => setMessage(v)),
    back: () => edit(() => {}),
    runPreview,
    confirm,
  };
}

export type PromoteFormState = ReturnType<typeof usePromoteForm>;
