import { http, HttpResponse } from 'msw';
import {
  loadGithubSubset,
  subsetRoutes,
} from '../../__testUtils__/githubSubset';

const OPERATION = 'repos/get-collaborator-permission-level';
const subset = loadGithubSubset();
const route = subsetRoutes(subset).find(r => r.operationId === OPERATION)!;
const example =
  subset.components.examples[
    'repository-collaborator-permission-response-if-user-has-admin-permissions'
  ].value;

/** GitHub's legacy `permission` for a role: maintain shows as write, triage as read. */
const LEGACY: Record<string, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

/**
 * `GET /repos/{owner}/{repo}/collaborators/{username}/permission` of one repository behind msw, with
 * the subset's route and example answer; users not listed get GitHub's 404.
 */
export class FakeCollaborators {
  /** Usernames asked for, in order. */
  readonly asked: string[] = [];
  /** Answer 403 "Must have push access" (Slipway's credentials cannot read permissions). */
  callerLacksPush = false;
  /** Answer every question with this status (GitHub failing in a way Slipway has no meaning for). */
  failWith?: number;

  constructor(
    readonly options: {
      owner: string;
      repo: string;
      token: string;
      /** Login → role name (a base role or a custom role with its base in `base`). */
      roles: Record<string, string | { role: string; base: string }>;
      baseUrl?: string;
    },
  ) {}

  handlers() {
    const base = this.options.baseUrl ?? 'https://api.github.com';
    return [
      http.get(`${base}/*`, ({ request }) => {
        const path = new URL(request.url).pathname.slice(
          new URL(base).pathname.replace(/\/$/, '').length,
        );
        const match = route.pattern.exec(path);
        if (!match) {
          return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
        }
        const params = Object.fromEntries(
          route.params.map((name, i) => [
            name,
            decodeURIComponent(match[i + 1]),
          ]),
        );
        this.asked.push(params.username);
        const auth = request.headers.get('authorization') ?? '';
        if (
          !new RegExp(`^(token|bearer) ${this.options.token}$`, 'i').test(auth)
        ) {
          return HttpResponse.json(
            { message: 'Bad credentials' },
            { status: 401 },
          );
        }
        if (this.failWith !== undefined) {
          return HttpResponse.json(
            { message: 'Not Implemented' },
            { status: this.failWith },
          );
        }
        if (this.callerLacksPush) {
          return HttpResponse.json(
            {
              message: 'Must have push access to view collaborator permission.',
            },
            { status: 403 },
          );
        }
        const grant = this.options.roles[params.username];
        if (
          params.owner !== this.options.owner ||
          params.repo !== this.options.repo ||
          grant === undefined
        ) {
          return HttpResponse.json(
            {
              message: 'Not Found',
              documentation_url: 'https://docs.github.com/rest',
              status: '404',
            },
            { status: 404 },
          );
        }
        const role = typeof grant === 'string' ? grant : grant.role;
        const permission =
          typeof grant === 'string' ? LEGACY[grant] : grant.base;
        return HttpResponse.json({
          ...structuredClone(example),
          permission,
          role_name: role,
          user: {
            ...structuredClone(example.user),
            login: params.username,
            role_name: role,
          },
        });
      }),
    ];
  }
}
