/**
 * Run context shared by the benchmarks that time ours and a Python peer side by side: the git
 * state of the measured build, the peer's environment (OpenBLAS core type, see bench/README.md),
 * why the peer would not run, and killing the running child on SIGINT/SIGTERM.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { killCurrent } from "./child.js";

/** `git rev-parse --short HEAD` and the number of changed/untracked entries under src/. */
export function gitState(): { head: string | null; dirty: number } {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout?.trim() || null;
  const dirty = (spawnSync("git", ["status", "--porcelain", "src"], { encoding: "utf8" }).stdout ?? "").split("\n").filter((l) => l.trim()).length;
  return { head, dirty };
}

/** On SIGINT/SIGTERM: kill the running child's process group and exit 130. */
export function killChildOnSignals(): void {
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      killCurrent();
      process.exit(130);
    });
  }
}

/**
 * The peer's environment: ours without OPENBLAS_L2_SIZE, with OPENBLAS_CORETYPE set to
 * `coretype` (or removed for `"unset"`).
 */
export function peerEnvironment(coretype: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_L2_SIZE;
  if (coretype === "unset") delete env.OPENBLAS_CORETYPE;
  else env.OPENBLAS_CORETYPE = coretype;
  return env;
}

/** Why the Debian-Python peer cannot run (undefined: it can). */
export function peerStopReason(peer: boolean, peerScript: string | undefined, scriptName: string): string | undefined {
  if (!peer) return "disabled (--no-peer)";
  if (!existsSync("/usr/bin/python3")) return "/usr/bin/python3 not found (Debian python3-scipy)";
  if (!peerScript) return `${scriptName} not found`;
  return undefined;
}
