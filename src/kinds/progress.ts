/**
 * Progress of long solver runs on standard error (DESIGN: "a long computation reports progress on
 * standard error"): a single self-overwriting line, written only when standard error is a terminal
 * and the run has lasted more than two seconds, at most twice a second. Results never depend on it.
 *
 * @module
 */

/**
 * A progress callback for a fraction in [0, 1] that draws `label: NN %` on a terminal's standard
 * error (nothing when standard error is not a TTY: pipes, CI, tests).
 *
 * @param label - what runs
 * @returns the callback, with `done()` to end the line once the run is over
 */
export function ttyProgress(label: string): ((fraction: number) => void) & { done: () => void } {
  const tty = typeof process !== "undefined" && process.stderr?.isTTY === true;
  const start = performance.now();
  let last = 0, shown = false;
  const f = (fraction: number) => {
    if (!tty) return;
    const now = performance.now();
    if (now - start < 2000 || now - last < 500) return;
    last = now;
    shown = true;
    process.stderr.write(`\r${label}: ${(100 * Math.min(1, Math.max(0, fraction))).toFixed(0).padStart(3)} % (${((now - start) / 1000).toFixed(0)} s)`);
  };
  return Object.assign(f, { done: () => { if (shown) process.stderr.write("\n"); } });
}
