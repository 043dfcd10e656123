/**
 * The package version, read once from the package.json that ships with nessref.
 *
 * @module
 */
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The version of the nessref package (from its package.json, found by walking up from
 * this module — works from `src/` under vitest and from `dist/src/` after the build).
 *
 * @example
 * ```ts
 * import { packageVersion } from "nessref/reproduce";
 * console.log(packageVersion()); // e.g. "0.1.0"
 * ```
 */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "nessref" && typeof pkg.version === "string") return (cached = pkg.version);
    }
    dir = dirname(dir);
  }
  return (cached = "unknown");
}
