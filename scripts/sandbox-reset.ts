/**
 * `npm run sandbox:reset`: deletes the sandbox (repositories with every promotion made in them, the
 * portal database) and creates it again from examples/.
 */
import { assertPortsFree } from './sandbox/ports';
import {
  displayPath,
  PORTAL_PORTS,
  REPO_ROOT,
  sandboxDirFromEnv,
} from './sandbox/paths';
import { prepareSandbox } from './sandbox/prepareSandbox';

async function main() {
  // A running portal holds the database open and the simulators read the repositories.
  await assertPortsFree([
    ...PORTAL_PORTS,
    { port: 18081, what: 'simulated Argo CD nonprod' },
    { port: 18083, what: 'simulated Argo CD prod' },
  ]).catch(error => {
    throw new Error(
      `${
        (error as Error).message
      }\nStop \`npm start\` before resetting the sandbox.`,
    );
  });
  const sandbox = await prepareSandbox({
    root: REPO_ROOT,
    sandboxDir: sandboxDirFromEnv(),
    reset: true,
  });
  console.log(
    `Sandbox recreated in ${displayPath(sandbox.dir)}:\n` +
      `  ${
        sandbox.repos.delivery.url
      } (main ${sandbox.repos.delivery.head.slice(0, 7)})\n` +
      `  ${
        sandbox.repos.appManifests.url
      } (main ${sandbox.repos.appManifests.head.slice(0, 7)})`,
  );
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
