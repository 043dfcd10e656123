// runEnsemble (nessref/analysis): outputs in input order and identical with 0 (in-process), 1 and
// 2 worker threads; the first failing task rejects the whole run with its NessrefError code.
//
// Worker threads cannot import TypeScript here (vitest compiles .ts in its own loader), so the
// worker tests use a plain ESM task module written to a temporary directory; the realization
// streams come from the compiled library (dist/, built by `npm test`) when it is there.
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { NessrefError } from "../src/errors.js";
import { runEnsemble, realizationRng, fmix32, createRng } from "../src/analysis/index.js";

const distRandom = fileURLToPath(new URL("../dist/src/analysis/random.js", import.meta.url));
const haveDist = existsSync(distRandom);

// A cheap deterministic task: a 32-bit hash chain of (seed, r) — self-contained, no imports —
// and one that throws a NessrefError-shaped error (name, code, path) for one chosen index.
const SELF_CONTAINED = `
class NessrefError extends Error {
  constructor(code, message, path) { super(message); this.name = "NessrefError"; this.code = code; this.path = path; }
}
const mix = (z) => { z >>>= 0; z ^= z >>> 16; z = Math.imul(z, 0x85ebca6b); z ^= z >>> 13; z = Math.imul(z, 0xc2b2ae35); z ^= z >>> 16; return z >>> 0; };
export function hashChain({ seed, steps, failAt }, index) {
  if (index === failAt) throw new NessrefError("no-convergence", "task " + index + " did not converge", "/inputs/" + index);
  let z = mix(seed ^ mix(index + 0x9e3779b9));
  const out = new Float64Array(4);
  for (let k = 0; k < steps; k++) { z = mix(z + k); out[k % 4] += z / 4294967296; }
  return { index, values: out };
}
export async function asyncSquare(x) { await new Promise((r) => setTimeout(r, 1)); return x * x; }
export function plainError(x) { if (x === 3) throw new RangeError("boom"); return x; }
`;

let dir = "";
let taskModule = "";
let rngModule = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nessref-ensemble-"));
  taskModule = join(dir, "tasks.mjs");
  writeFileSync(taskModule, SELF_CONTAINED, "utf8");
  if (haveDist) {
    rngModule = join(dir, "rngTasks.mjs");
    writeFileSync(
      rngModule,
      `import { createRng } from ${JSON.stringify(pathToFileURL(distRandom).href)};
export function fields({ seed, L, W }, r) {
  const rng = createRng(seed).fork(r);
  return Array.from({ length: L }, () => rng.uniform(-W, W));
}
`,
      "utf8",
    );
  }
});

describe("runEnsemble", () => {
  it("gives the same outputs, in input order, with 0, 1 and 2 workers", async () => {
    const inputs = Array.from({ length: 23 }, (_, i) => ({ seed: 1234, steps: 2000 + 37 * i, failAt: -1 }));
    const runs = [];
    for (const workers of [0, 1, 2]) runs.push(await runEnsemble<(typeof inputs)[number], { index: number; values: Float64Array }>({ module: taskModule, task: "hashChain", inputs, workers }));
    for (const out of runs) {
      expect(out.length).toBe(inputs.length);
      out.forEach((o, i) => expect(o.index).toBe(i));
      expect(out[0].values).toBeInstanceOf(Float64Array); // typed arrays survive the structured clone
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it("realization r draws createRng(seed).fork(r) whichever worker runs it", async () => {
    // needs the compiled library (workers cannot load .ts): `npm test` builds it first
    expect(haveDist, "dist/ is missing: run `npm run build` (npm test does) before this test").toBe(true);
    const inputs = Array.from({ length: 9 }, () => ({ seed: "p1-table1/h=2", L: 9, W: 2 }));
    const one = await runEnsemble<(typeof inputs)[number], number[]>({ module: pathToFileURL(rngModule), task: "fields", inputs, workers: 1 });
    const two = await runEnsemble<(typeof inputs)[number], number[]>({ module: rngModule, task: "fields", inputs, workers: 2 });
    expect(two).toEqual(one);
    one.forEach((h, r) => {
      const rng = realizationRng("p1-table1/h=2", r);
      expect(h).toEqual(Array.from({ length: 9 }, () => rng.uniform(-2, 2)));
    });
  });

  it("rejects the whole run with the failing task's NessrefError code and path", async () => {
    const inputs = Array.from({ length: 12 }, () => ({ seed: 7, steps: 10, failAt: 5 }));
    for (const workers of [0, 1, 2]) {
      const err = await runEnsemble({ module: taskModule, task: "hashChain", inputs, workers }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NessrefError);
      expect((err as NessrefError).code).toBe("no-convergence");
      expect((err as NessrefError).path).toBe("/inputs/5");
      expect((err as NessrefError).message).toContain("ensemble task 5");
    }
  });

  it("reports a non-nessref error as internal, and a missing export as invalid-input", async () => {
    const err = await runEnsemble({ module: taskModule, task: "plainError", inputs: [0, 1, 2, 3, 4], workers: 2 }).catch((e: unknown) => e);
    expect((err as NessrefError).code).toBe("internal");
    expect((err as NessrefError).message).toContain("RangeError: boom");
    const missing = await runEnsemble({ module: taskModule, task: "noSuchTask", inputs: [1], workers: 1 }).catch((e: unknown) => e);
    expect((missing as NessrefError).code).toBe("invalid-input");
    const noFile = await runEnsemble({ module: join(dir, "absent.mjs"), task: "x", inputs: [1] }).catch((e: unknown) => e);
    expect((noFile as NessrefError).code).toBe("invalid-input");
  });

  it("awaits async tasks and reports progress after every task", async () => {
    const seen: number[] = [];
    const out = await runEnsemble<number, number>({ module: taskModule, task: "asyncSquare", inputs: [1, 2, 3, 4, 5], workers: 2, onProgress: (d, t) => { expect(t).toBe(5); seen.push(d); } });
    expect(out).toEqual([1, 4, 9, 16, 25]);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it("runs a TypeScript task module in-process (also when named by its .js twin)", async () => {
    const inputs = [0, 1, 2, 0xdeadbeef];
    const viaTs = await runEnsemble<number, number>({ module: new URL("../src/analysis/random.ts", import.meta.url), task: "fmix32", inputs, workers: 2 });
    const viaJs = await runEnsemble<number, number>({ module: fileURLToPath(new URL("../src/analysis/random.js", import.meta.url)), task: "fmix32", inputs });
    expect(viaTs).toEqual(inputs.map((x) => fmix32(x)));
    expect(viaJs).toEqual(viaTs);
  });

  it("is cancelled by an aborted signal, and validates its options", async () => {
    const ac = new AbortController();
    ac.abort();
    const inputs = Array.from({ length: 4 }, () => ({ seed: 1, steps: 10, failAt: -1 }));
    const err = await runEnsemble({ module: taskModule, task: "hashChain", inputs, workers: 2, signal: ac.signal }).catch((e: unknown) => e);
    expect((err as NessrefError).code).toBe("resource-limit");
    const bad = await runEnsemble({ module: taskModule, task: "hashChain", inputs, workers: -1 }).catch((e: unknown) => e);
    expect((bad as NessrefError).code).toBe("invalid-input");
    expect(await runEnsemble({ module: taskModule, task: "hashChain", inputs: [] })).toEqual([]);
    expect(createRng(5).fork(2).nextUint32()).toBe(realizationRng(5, 2).nextUint32());
  });
});
