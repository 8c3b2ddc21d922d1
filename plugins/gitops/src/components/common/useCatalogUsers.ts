import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

const LOGIN_ANNOTATIONS = ['github.com/user-login', 'gitlab.com/user-login'];

/** Finds the catalog user a Git author is: `Name <email>` by profile email, or by login (annotation or name). */
export type CatalogUserMatcher = (gitAuthor: string) => string | undefined;

/**
 * The catalog's users, read once, as a matcher for Git authors; matches nothing where the app has no
 * catalog.
 */
export function useCatalogUsers(): CatalogUserMatcher {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value: users } = useAsync(async () => {
    if (!catalogApi) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'User' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.profile.email',
      ],
    });
    return items;
  }, [catalogApi]);
  return useMemo(() => {
    const byKey = new Map<string, string>();
    for (const user of users ?? []) {
      const ref = stringifyEntityRef(user);
      const email = (user.spec as { profile?: { email?: string } })?.profile
        ?.email;
      if (email) byKey.set(`email:${email.toLocaleLowerCase('en-US')}`, ref);
      byKey.set(`login:${user.metadata.name.toLocaleLowerCase('en-US')}`, ref);
      for (const a of LOGIN_ANNOTATIONS) {
        const login = user.metadata.annotations?.[a];
        if (login) byKey.set(`login:${login.toLocaleLowerCase('en-US')}`, ref);
      }
    }
    return (author: string) => {
      const email = /<([^>]+)>/.exec(author)?.[1]?.toLocaleLowerCase('en-US');
      if (!email) return undefined;
      // A GitHub no-reply address carries the login: 12345+login@users.noreply.github.com.
      const login = /^(?:\d+\+)?([^@]+)@users\.noreply\./.exec(email)?.[1];
      return (
        byKey.get(`email:${email}`) ??
        (login ? byKey.get(`login:${login}`) : undefined)
      );
    };
  }, [users]);
}
