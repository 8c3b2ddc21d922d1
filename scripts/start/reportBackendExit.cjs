/**
 * Loaded into the portal's backend process by `npm start` (`backstage-cli repo start --require`).
 * The CLI keeps the frontend serving and waits for file changes when the backend dies; this tells
 * `npm start` instead (SIGUSR2 to SLIPWAY_START_PID), which then stops everything and exits.
 * A stop that was asked for (a signal: Ctrl-C, or the CLI restarting the backend after a file
 * change) is not reported, nor is a clean exit.
 */
const startPid = Number(process.env.SLIPWAY_START_PID);
let stopRequested = false;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopRequested = true;
    // Alone (the backend has not set up its own shutdown yet): stop as the signal would have.
    if (process.listenerCount(signal) === 1) process.exit(0);
  });
}

process.on('exit', code => {
  if (!startPid || code === 0 || stopRequested) return;
  try {
    process.kill(startPid, 'SIGUSR2');
  } catch {
    // npm start is already gone.
  }
});
