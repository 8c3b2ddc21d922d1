import {
  RepoPermissionAnswer,
  RepoPermissionSubject,
  TtlCache,
} from '@slipway/plugin-gitops-node';
import { GitlabApi } from '../client/gitlabClient';
import {
  gitlabError,
  gitlabMessage,
  gitlabStatus,
} from '../client/gitlabErrors';
import { GitlabProject } from '../client/gitlabProject';
import { accessLevelName, repoPermissionOf } from './accessLevels';

/** The annotation on User entities that names the user's GitLab account. */
export const GITLAB_LOGIN_ANNOTATION = 'gitlab.com/user-login';

export interface GitlabPermissionsOptions {
  api: (project: GitlabProject) => GitlabApi;
  /** The least access level that may write (GitLab's numbers: 30 is Developer). */
  minimumAccessLevel: number;
  /** GitLab usernames by lower-cased user entity ref, for users without the annotation. */
  usernames: Map<string, string>;
  /** How long an answer is remembered (default 60 s). */
  cacheTtlMs?: number;
}

/**
 * A user's access to a GitLab project, with Slipway's own token: the user's id by username
 * (`GET /users?username=`), then their effective access level, inherited from groups included
 * (`GET /projects/:id/members/all/:user_id`). Answers, "unknown user" and "not a member" included,
 * are remembered briefly; failures are not. A refusal names GitLab's level, e.g. `Reporter (20)`.
 */
export class GitlabPermissions {
  private readonly userIds: TtlCache<number | undefined>;
  private readonly levels: TtlCache<number | undefined>;

  constructor(private readonly options: GitlabPermissionsOptions) {
    this.userIds = new TtlCache(options.cacheTtlMs ?? 60_000);
    this.levels = new TtlCache(options.cacheTtlMs ?? 60_000);
  }

  async repositoryPermission(
    subject: RepoPermissionSubject,
    project: GitlabProject,
  ): Promise<RepoPermissionAnswer> {
    const entity = await subject.entity();
    const username =
      entity?.metadata.annotations?.[GITLAB_LOGIN_ANNOTATION]?.trim() ||
      this.options.usernames.get(subject.userRef.toLocaleLowerCase('en-US'));
    if (!username) {
      return {
        refused: entity
          ? `the user's catalog entity has no ${GITLAB_LOGIN_ANNOTATION} annotation and gitops.gitlab.users does not name their GitLab account`
          : 'the user is not in the catalog and gitops.gitlab.users does not name their GitLab account',
      };
    }
    const { host } = project.integration.config;
    const userId = await this.userIds.get(
      `${host}\n${username.toLowerCase()}`,
      () => this.findUser(project, username),
    );
    if (userId === undefined) {
      return {
        refused: `GitLab (${host}) does not know the user '${username}'`,
      };
    }
    const level = await this.levels.get(`${project.url}\n${userId}`, () =>
      this.accessLevel(project, userId, username),
    );
    const minimum = this.options.minimumAccessLevel;
    const required = `${accessLevelName(
      minimum,
    )} is required (gitops.gitlab.minimumAccessLevel)`;
    if (level === undefined) {
      return {
        refused: `GitLab user '${username}' is not a member of ${
          project.path
        } (${accessLevelName(0)}); ${required}`,
      };
    }
    if (level < minimum) {
      return {
        refused: `GitLab user '${username}' has ${accessLevelName(
          level,
        )} access to ${project.path}; ${required}`,
      };
    }
    return {
      level: repoPermissionOf(level),
      source: `GitLab user '${username}' has ${accessLevelName(
        level,
      )} access to ${project.path}`,
    };
  }

  private async findUser(
    project: GitlabProject,
    username: string,
  ): Promise<number | undefined> {
    try {
      const users = await this.options
        .api(project)
        .Users.all({ username, perPage: 1, maxPages: 1 });
      const user = users.find(
        u => String(u.username).toLowerCase() === username.toLowerCase(),
      );
      return user ? Number(user.id) : undefined;
    } catch (error) {
      throw gitlabError(
        error,
        `looking up the GitLab user '${username}'`,
        project.path,
      );
    }
  }

  /** The user's effective access level; `undefined` when they are not a member at all. */
  private async accessLevel(
    project: GitlabProject,
    userId: number,
    username: string,
  ): Promise<number | undefined> {
    try {
      const member = await this.options
        .api(project)
        .ProjectMembers.show(project.path, userId, { includeInherited: true });
      return Number(member.access_level);
    } catch (error) {
      // A missing member is a plain "404 Not found"; a missing project says so.
      if (
        gitlabStatus(error) === 404 &&
        !/project not found/i.test(gitlabMessage(error))
      ) {
        return undefined;
      }
      throw gitlabError(
        error,
        `checking the access of '${username}'`,
        project.path,
      );
    }
  }
}
