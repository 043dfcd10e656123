// The command line in-process (runCli): whatever arrives on standard input, `nessref solve -`
// exits 2 with exactly one JSON error object on stderr and nothing on stdout (CONTRACT.md "Errors").
import { describe, it, expect, beforeAll } from "vitest";
import fc from "fast-check";
import { runCli } from "../src/cli.js";
import { implementedKinds, unregisterKind } from "../src/problem/solve.js";
import { KINDS } from "../src/problem/schema.js";
import { packageVersion } from "../src/reproduce/version.js";

const CODES = [
  "invalid-json", "invalid-input", "unknown-kind", "not-implemented", "out-of-range", "non-unique-ness",
  "no-steady-state", "singular", "no-convergence", "resource-limit", "internal",
];

async function cli(argv: string[], stdin = "") {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdin: async () => stdin, stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

/** stderr must be exactly one line holding {"error":{code,message,path}} with a known code. */
function parseError(err: string): { code: string; message: string; path: string } {
  expect(err.endsWith("\n")).toBe(true);
  expect(err.trimEnd().includes("\n")).toBe(false);
  const obj = JSON.parse(err) as { error: { code: string; message: string; path: string } };
  expect(Object.keys(obj)).toEqual(["error"]);
  expect(Object.keys(obj.error).sort()).toEqual(["code", "message", "path"]);
  expect(CODES).toContain(obj.error.code);
  expect(typeof obj.error.message).toBe("string");
  expect(obj.error.message.length).toBeGreaterThan(0);
  expect(typeof obj.error.path).toBe("string");
  return obj.error;
}

beforeAll(() => {
  // No solver is registered through these imports; keep it so (every valid problem → not-implemented).
  for (const k of implementedKinds()) unregisterKind(k);
});

describe("solve - with arbitrary standard input", () => {
  const inputs = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.json(),
    fc.record({ kind: fc.constantFrom(...KINDS, "nope"), x: fc.jsonValue() }).map((v) => JSON.stringify(v)),
    fc.constantFrom("", " ", "{", "[1,", "NaN", "Infinity", "null", "{\"kind\":\"drude\",\"L\":1e999}", "\u0000", "{\"kind\":\"drude\"}garbage"),
  );

  it("exits 2 with one JSON error on stderr and nothing on stdout", async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async (text) => {
        const r = await cli(["solve", "-"], text);
        expect(r.code).toBe(2);
        expect(r.out).toBe("");
        const e = parseError(r.err);
        let isJson = true;
        try {
          JSON.parse(text);
        } catch {
          isJson = false;
        }
        // non-JSON text is reported as invalid-json, JSON text never is
        expect(e.code === "invalid-json").toBe(!isJson);
      }),
      { numRuns: 2500, seed: 21 },
    );
  });

  it("a valid contract problem gets not-implemented (exit 2)", async () => {
    const r = await cli(["solve", "-"], JSON.stringify({ kind: "drude", L: 10, J: 1, delta: 0.5, current: "spin" }));
    expect(r.code).toBe(2);
    expect(parseError(r.err)).toMatchObject({ code: "not-implemented", path: "/kind" });
  });

  it("a JSON number literal too large for a double is refused as non-finite", async () => {
    const r = await cli(["solve", "-"], "{\"kind\":\"drude\",\"L\":10,\"J\":1e999,\"delta\":0.5,\"current\":\"spin\"}");
    expect(r.code).toBe(2);
    expect(parseError(r.err)).toMatchObject({ code: "invalid-input", path: "/J" });
  });
});

describe("other commands", () => {
  it("schema KIND: valid kinds print a JSON schema (exit 0); anything else → unknown-kind, exit 2", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...KINDS), fc.string({ minLength: 1 }).filter((s) => !s.startsWith("-"))), async (kind) => {
        const r = await cli(["schema", kind]);
        if ((KINDS as readonly string[]).includes(kind)) {
          expect(r.code).toBe(0);
          expect(r.err).toBe("");
          const schema = JSON.parse(r.out);
          expect(schema.properties.kind.const).toBe(kind);
        } else {
          expect(r.code).toBe(2);
          expect(r.out).toBe("");
          expect(parseError(r.err).code).toBe("unknown-kind");
        }
      }),
      { numRuns: 300, seed: 22 },
    );
  });

  it("schema without KIND prints the union of all kinds", async () => {
    const r = await cli(["schema"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).anyOf.map((s: { properties: { kind: { const: string } } }) => s.properties.kind.const)).toEqual([...KINDS]);
  });

  it("--version and --help write to stdout and exit 0", async () => {
    const v = await cli(["--version"]);
    expect(v).toEqual({ code: 0, out: packageVersion() + "\n", err: "" });
    const h = await cli(["--help"]);
    expect(h.code).toBe(0);
    expect(h.out).toContain("solve");
    expect(h.out).toContain("reproduce");
  });

  it("usage errors (no command, unknown command or option, missing file argument) → JSON invalid-input, exit 2", async () => {
    for (const argv of [[], ["bogus"], ["solve"], ["solve", "-", "--frobnicate"], ["reproduce", "--only"]]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(parseError(r.err).code).toBe("invalid-input");
    }
  });

  it("reproduce --only with an unknown name → invalid-input at /only/0 and nothing written", async () => {
    const r = await cli(["reproduce", "--only", "no-such-scenario", "--out", "/nonexistent-dir/never"]);
    expect(r.code).toBe(2);
    expect(parseError(r.err)).toMatchObject({ code: "invalid-input", path: "/only/0" });
  });

  it("reproduce --list names the built-in scenarios", async () => {
    const r = await cli(["reproduce", "--list"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("dimer-quench");
    expect(r.out).toContain("two-level-ergotropy");
  });
});
