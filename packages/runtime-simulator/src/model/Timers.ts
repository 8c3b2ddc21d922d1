/** setTimeout with bookkeeping, so closing the simulator leaves no pending timer behind. */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();
  private closed = false;

  after(
    ms: number,
    fn: () => void | Promise<void>,
  ): NodeJS.Timeout | undefined {
    if (this.closed) return undefined;
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      void Promise.resolve()
        .then(fn)
        .catch(error => {
          // A background step failing must not take the process down; it is visible in the app's state.
          process.emitWarning(`runtime-simulator: ${String(error)}`);
        });
    }, ms);
    this.pending.add(handle);
    return handle;
  }

  cancel(handle: NodeJS.Timeout | undefined): void {
    if (!handle) return;
    clearTimeout(handle);
    this.pending.delete(handle);
  }

  closeAll(): void {
    this.closed = true;
    for (const handle of this.pending) clearTimeout(handle);
    this.pending.clear();
  }
}
