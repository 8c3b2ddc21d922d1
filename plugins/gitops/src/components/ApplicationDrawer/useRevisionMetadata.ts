import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ApplicationRef,
  RevisionMetadata,
} from '@slipway/plugin-gitops-common';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
} from 'react';
import { gitopsApiRef } from '../../api';
import type { GitRevision } from './historyRevisions';

/**
 * Commit metadata is immutable and costly for Argo CD to produce, so each revision is asked for once
 * per open drawer, and only when its history entry is shown or expanded.
 */
export type RevisionMetadataCache = Map<string, Promise<RevisionMetadata>>;

export const RevisionMetadataCacheContext = createContext<
  RevisionMetadataCache | undefined
>(undefined);

export interface RevisionMetadataState {
  metadata?: RevisionMetadata;
  error?: Error;
  loading: boolean;
  load: () => void;
}

export function useRevisionMetadata(
  ref: ApplicationRef,
  target: GitRevision,
  autoLoad: boolean,
): RevisionMetadataState {
  const api = useApi(gitopsApiRef);
  const cache = useContext(RevisionMetadataCacheContext);
  const [state, setState] = useState<Omit<RevisionMetadataState, 'load'>>({
    loading: false,
  });
  const { runtime, namespace, name } = ref;
  const { revision, sourceIndex } = target;

  const load = useCallback(() => {
    const key = `${runtime}/${namespace}/${name}@${revision}#${
      sourceIndex ?? ''
    }`;
    let promise = cache?.get(key);
    if (!promise) {
      promise = api.getRevisionMetadata(
        { runtime, namespace, name },
        revision,
        {
          sourceIndex,
        },
      );
      // A failed load is forgotten so "Retry" asks again.
      promise.catch(() => cache?.delete(key));
      cache?.set(key, promise);
    }
    setState({ loading: true });
    promise.then(
      metadata => setState({ metadata, loading: false }),
      error => setState({ error, loading: false }),
    );
  }, [api, cache, runtime, namespace, name, revision, sourceIndex]);

  useEffect(() => {
    if (autoLoad) load();
  }, [autoLoad, load]);

  return { ...state, load };
}
