/**
 * Child processes of the benchmarks (ours and the peer run side by side, each in its own
 * process): run a command in its own process group with a timeout, read its last JSON line,
 * describe a failure. Shared by bench/free-fermion, bench/ness-ed and bench/harmonic.
 *
 * @module
 */
import { spawn } from "node:child_process";

/** What a finished child left behind. */
export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  wallSeconds: number;
}

let current: number | undefined; // pid (= process group) of the running child

/** SIGKILL a whole process group (ignoring one that is already gone). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    /* already gone */
  }
}

/** Kill the running child's process group, if any (for SIGINT/SIGTERM handlers). */
export function killCurrent(): void {
  if (current !== undefined) killGroup(current);
}

/** Run a command in its own process group; on timeout kill the whole group. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutSeconds: number): Promise<Run> {
  return new Promise((res) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    current = p.pid;
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    p.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    p.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      if (p.pid !== undefined) killGroup(p.pid);
    }, timeoutSeconds * 1000);
    p.on("close", (status, signal) => {
      clearTimeout(timer);
      current = undefined;
      res({ status, signal, timedOut, stdout, stderr, wallSeconds: (performance.now() - t0) / 1000 });
    });
  });
}

/** The last line of `s` that parses as a JSON object, if any. */
export function lastJsonLine<T>(s: string): T | undefined {
  const lines = s.trim().split("\n").filter((l) => l.trim().startsWith("{"));
  if (!lines.length) return undefined;
  try {
    return JSON.parse(lines[lines.length - 1]!) as T;
  } catch {
    return undefined;
  }
}

/** One line saying why a child failed (timeout, crash, OOM kill, non-zero status). */
export function failure(r: Run, timeoutSeconds: number): string {
  if (r.timedOut) return `timeout after ${timeoutSeconds} s`;
  const tail = r.stderr.trim().split("\n").slice(-3).join(" | ");
  if (r.signal === "SIGSEGV" || r.status === 139) return `crashed (SIGSEGV)${tail ? `: ${tail}` : ""}`;
  if (r.signal === "SIGKILL") return `killed by SIGKILL (likely the OOM killer) after ${r.wallSeconds.toFixed(0)} s`;
  return `failed (status ${r.status}, signal ${r.signal}): ${tail}`;
}
