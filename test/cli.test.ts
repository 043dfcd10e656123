// A few real spawns of bin/nessref.js against the build in dist/ (npm test builds first):
// exit codes and the JSON error on stderr, as CONTRACT.md promises for the command line.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "nessref.js");
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", cwd: root, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonError(stderr: string): { code: string; message: string; path: string } {
  const obj = JSON.parse(stderr) as { error: { code: string; message: string; path: string } };
  expect(typeof obj.error.message).toBe("string");
  expect(typeof obj.error.path).toBe("string");
  return obj.error;
}

describe("bin/nessref.js", () => {
  it("--version prints the package version", () => {
    const r = run(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it("--help lists the commands", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    for (const c of ["solve", "schema", "reproduce"]) expect(r.stdout).toContain(c);
  });

  it("schema prints a JSON Schema with every kind", () => {
    const r = run(["schema"]);
    expect(r.status).toBe(0);
    const kinds = (JSON.parse(r.stdout) as { anyOf: { properties: { kind: { const: string } } }[] }).anyOf.map((s) => s.properties.kind.const);
    expect(kinds).toEqual(["lindblad-ness", "redfield-ring", "harmonic-chain", "quench", "resistor-network", "drude"]);
  });

  it("solve with a missing file → exit 2, invalid-input", () => {
    const r = run(["solve", join(tmpdir(), "nessref-no-such-file.json")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(jsonError(r.stderr).code).toBe("invalid-input");
  });

  it("solve - with garbage → exit 2, invalid-json", () => {
    const r = run(["solve", "-"], "this is { not json");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(jsonError(r.stderr).code).toBe("invalid-json");
  });

  it("solve FILE with a bath off the chain → exit 2 with the field's path", () => {
    const dir = mkdtempSync(join(tmpdir(), "nessref-cli-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({
      kind: "lindblad-ness",
      hamiltonian: { type: "xxz", L: 4, J: 1, delta: 1 },
      baths: [{ type: "source-sink", site: 5, gammaPlus: 1, gammaMinus: 0.5 }],
    }));
    const r = run(["solve", file]);
    expect(r.status).toBe(2);
    expect(jsonError(r.stderr)).toMatchObject({ code: "invalid-input", path: "/baths/0/site" });
  });
});
