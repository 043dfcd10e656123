// Properties of the JSON contract's front door (CONTRACT.md "Errors"): whatever is thrown at
// solve(), bad input gives a NessrefError with a known code, a message and a JSON-pointer path,
// never another exception and never a number result.
import { describe, it, expect, beforeAll } from "vitest";
import fc from "fast-check";
import { NessrefError, type NessrefErrorCode } from "../src/errors.js";
import { solve, implementedKinds, unregisterKind, toJsonResult } from "../src/problem/solve.js";
import { validateProblem } from "../src/problem/validate.js";
import { KINDS, problemSchema, schemaFor } from "../src/problem/schema.js";

const CODES: NessrefErrorCode[] = [
  "invalid-json", "invalid-input", "unknown-kind", "not-implemented", "out-of-range", "non-unique-ness",
  "no-steady-state", "singular", "no-convergence", "resource-limit", "internal",
];

/** Valid problems of every kind (the CONTRACT.md examples with their "…" filled in). */
const VALID: Record<string, unknown> = {
  "lindblad-ness": {
    kind: "lindblad-ness",
    hamiltonian: { type: "xxz", L: 6, J: 1, delta: 1.0, fields: [0.1, -0.3, 0.2, 0, 0.05, -0.1] },
    baths: [
      { type: "target", sites: [1, 2], beta: 0.5, mu: 0, rate: 1 },
      { type: "target", sites: [5, 6], beta: -0.5, mu: 0, rate: 1 },
    ],
    method: "auto",
  },
  "lindblad-ness/fermion": {
    kind: "lindblad-ness",
    hamiltonian: { type: "fermion-chain", L: 9, J: 1, V: 1, fields: [0, 0.1, -0.2, 0.3, 0, 0, 0.1, 0, -0.1] },
    baths: [
      { type: "source-sink", site: 1, gammaPlus: 3, gammaMinus: 1 },
      { type: "source-sink", site: 9, gammaPlus: 2, gammaMinus: 1 },
      { type: "dephasing", rate: 0.1, sites: [2, 3] },
    ],
    method: "ed",
  },
  "lindblad-ness/xz": {
    kind: "lindblad-ness",
    hamiltonian: { type: "heisenberg-xz", L: 4, h: 1, zetaZ: [0.1, -0.5, 0.9, 0], zetaX: [0.3, 0.2, -0.7, 1] },
    baths: [{ type: "bulk-nonthermal", epsilon: 0.01 }],
    method: "tebd",
    tebd: { chi: 32, dt: 0.05, tol: 1e-8, maxTime: 100 },
  },
  "redfield-ring": { kind: "redfield-ring", J: 1, delta: 2.19, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 },
  "harmonic-chain": {
    kind: "harmonic-chain", potentials: [1.3, 0.8, 1.1, 1.7, 1.2, 0.9, 1.4, 1.0], g: 0.1, lambda: 0.5,
    baths: [{ site: 1, T: 1 }, { site: 8, T: 2 }],
  },
  "harmonic-chain/drawn": {
    kind: "harmonic-chain", L: 20, vMin: 1, vMax: 2, seed: 3, g: 0.1, lambda: 0,
    baths: [{ site: 1, T: 1 }, { site: 20, T: 2 }],
  },
  quench: {
    kind: "quench", L: 12, J: 1, delta: [0, 0, 0, 0, 0, 0, 0.7, 0.7, 0.7, 0.7, 0.7],
    initial: "domain-wall", times: [0, 0.5, 1, 2], method: "auto",
  },
  "resistor-network": {
    kind: "resistor-network", dim: 1, mode: "thermal", N: 1000, a: 1, xi: 2, epsilon: 0.01, kappa0: 1, Gamma0: 5,
    T0: 1, theta: 1, dg1: 0.05, dg2: 0.05, seed: 7, realizations: 20,
  },
  "resistor-network/charge": {
    kind: "resistor-network", dim: 1, mode: "charge", N: 4, a: 1, xi: 2, epsilon: 0.01, Gamma0: 5, V: 0.4, sigma0: 1,
    lengths: [1, 1.5, 2, 3.25],
  },
  "resistor-network/spreading": {
    kind: "resistor-network", dim: 2, mode: "spreading", N: 10, a: 1, xi: 2, Gamma0: 5, times: [0, 1, 10], x0: 45, seed: 1,
  },
  drude: { kind: "drude", L: 10, J: 1, delta: 0.5, current: "spin" },
};
const VALID_LIST = Object.entries(VALID);

const clone = <T>(x: T): T => structuredClone(x);

/** Every JSON path (pointer segments) of a value, containers included. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i]); out.push(...paths(x, [...prefix, i])); });
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) { out.push([...prefix, k]); out.push(...paths(x, [...prefix, k])); }
  }
  return out;
}
const numberLeaves = (v: unknown) => paths(v).filter((p) => typeof getAt(v, p) === "number");
function getAt(v: unknown, p: (string | number)[]): unknown {
  return p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
}
function setAt(v: unknown, p: (string | number)[], value: unknown): void {
  const parent = getAt(v, p.slice(0, -1)) as Record<string | number, unknown>;
  if (value === DELETE) delete parent[p[p.length - 1]];
  else parent[p[p.length - 1]] = value;
}
const DELETE = Symbol("delete");
const pointer = (p: (string | number)[]) => p.map((k) => "/" + String(k)).join("");

/** Run solve and return the error it must throw (fails the test on any other outcome). */
async function rejection(problem: unknown): Promise<NessrefError> {
  let result: unknown;
  try {
    result = await solve(problem);
  } catch (e) {
    expect(e).toBeInstanceOf(NessrefError);
    const err = e as NessrefError;
    expect(CODES).toContain(err.code);
    expect(typeof err.message).toBe("string");
    expect(err.message.length).toBeGreaterThan(0);
    expect(typeof err.path).toBe("string");
    expect(err.path === "" || err.path.startsWith("/")).toBe(true);
    return err;
  }
  throw new Error(`solve returned instead of throwing: ${JSON.stringify(result)?.slice(0, 200)}`);
}

const badValue = fc.oneof(
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -1, -1e300, 1e300, 0, 2.5, 1e6, 123456789, -0, "", "x", "1", null, true, false, [], {}, [NaN], { a: 1 }, DELETE),
  fc.anything(),
);

beforeAll(() => {
  // No physics kind is registered by this file's imports; make sure of it so that every
  // valid problem gives not-implemented and the fuzz never starts a real solver.
  for (const k of implementedKinds()) unregisterKind(k);
});

describe("valid contract examples", () => {
  it.each(VALID_LIST)("%s validates and then reports not-implemented", async (_name, p) => {
    expect(() => validateProblem(clone(p))).not.toThrow();
    const err = await rejection(clone(p));
    expect(err.code).toBe("not-implemented");
    expect(err.path).toBe("/kind");
  });

  it("schemaFor knows every kind and the union lists them all", () => {
    for (const k of KINDS) expect(schemaFor(k)).toBeDefined();
    expect(schemaFor("nope")).toBeUndefined();
    expect((problemSchema as unknown as { anyOf: unknown[] }).anyOf.length).toBe(KINDS.length);
  });
});

type Case = [string, (p: any) => unknown, NessrefErrorCode, string];
const cases: [string, Case[]][] = [
  ["lindblad-ness/fermion", [
    ["source-sink site L+1", (p) => { p.baths[0].site = 10; }, "invalid-input", "/baths/0/site"],
    ["source-sink site 0", (p) => { p.baths[1].site = 0; }, "invalid-input", "/baths/1/site"],
    ["negative gammaPlus", (p) => { p.baths[0].gammaPlus = -1; }, "invalid-input", "/baths/0/gammaPlus"],
    ["dephasing site repeated", (p) => { p.baths[2].sites = [2, 2]; }, "invalid-input", "/baths/2/sites/1"],
    ["fields too short", (p) => { p.hamiltonian.fields = [0, 0]; }, "invalid-input", "/hamiltonian/fields"],
    ["free-fermion with V ≠ 0", (p) => { p.method = "free-fermion"; }, "invalid-input", "/hamiltonian/V"],
    ["unknown bath type", (p) => { p.baths[1].type = "thermal"; }, "invalid-input", "/baths/1/type"],
  ]],
  ["lindblad-ness", [
    ["target bath beyond L", (p) => { p.baths[1].sites = [6, 7]; }, "invalid-input", "/baths/1/sites/1"],
    ["target bath not adjacent", (p) => { p.baths[1].sites = [4, 6]; }, "invalid-input", "/baths/1/sites"],
    ["target bath three sites", (p) => { p.baths[0].sites = [1, 2, 3]; }, "invalid-input", "/baths/0/sites"],
    ["negative rate", (p) => { p.baths[0].rate = -0.5; }, "invalid-input", "/baths/0/rate"],
    ["NaN beta", (p) => { p.baths[1].beta = NaN; }, "invalid-input", "/baths/1/beta"],
    ["Infinity J", (p) => { p.hamiltonian.J = Infinity; }, "invalid-input", "/hamiltonian/J"],
    ["L = 1", (p) => { p.hamiltonian.L = 1; }, "invalid-input", "/hamiltonian/L"],
    ["L not integer", (p) => { p.hamiltonian.L = 6.5; }, "invalid-input", "/hamiltonian/L"],
    ["absurd L", (p) => { p.hamiltonian.L = 200000; }, "out-of-range", "/hamiltonian/L"],
    ["per-bond delta of length L", (p) => { p.hamiltonian.delta = [1, 1, 1, 1, 1, 1]; }, "invalid-input", "/hamiltonian/delta"],
    ["missing J", (p) => { delete p.hamiltonian.J; }, "invalid-input", "/hamiltonian/J"],
    ["unknown hamiltonian type", (p) => { p.hamiltonian.type = "ising"; }, "invalid-input", "/hamiltonian/type"],
    ["typo field", (p) => { p.bath = []; }, "invalid-input", "/bath"],
    ["method unknown", (p) => { p.method = "magic"; }, "invalid-input", "/method"],
    ["tebd without options", (p) => { p.method = "tebd"; }, "invalid-input", "/tebd"],
    ["bulk drive on xxz", (p) => { p.baths.push({ type: "bulk-nonthermal", epsilon: 1 }); }, "invalid-input", "/baths/2/type"],
  ]],
  ["redfield-ring", [
    ["sector 5", (p) => { p.sector = 5; }, "invalid-input", "/sector"],
    ["sector null", (p) => { p.sector = null; }, "non-unique-ness", "/sector"],
    ["sector missing", (p) => { delete p.sector; }, "non-unique-ness", "/sector"],
    ["zero temperature", (p) => { p.TR = 0; }, "invalid-input", "/TR"],
    ["negative gamma", (p) => { p.gamma = -0.01; }, "invalid-input", "/gamma"],
  ]],
  ["harmonic-chain", [
    ["bath beyond the chain", (p) => { p.baths[1].site = 9; }, "invalid-input", "/baths/1/site"],
    ["two baths on one site", (p) => { p.baths[1].site = 1; }, "invalid-input", "/baths/1"],
    ["non-positive potential", (p) => { p.potentials[3] = 0; }, "invalid-input", "/potentials/3"],
    ["potentials and L", (p) => { p.L = 8; }, "invalid-input", "/L"],
  ]],
  ["harmonic-chain/drawn", [
    ["vMax < vMin", (p) => { p.vMax = 0.5; }, "invalid-input", "/vMax"],
    ["missing seed", (p) => { delete p.seed; }, "invalid-input", "/seed"],
    ["negative seed", (p) => { p.seed = -3; }, "invalid-input", "/seed"],
  ]],
  ["quench", [
    ["odd L", (p) => { p.L = 11; p.delta = 0.5; }, "invalid-input", "/L"],
    ["times decreasing", (p) => { p.times = [0, 2, 1]; }, "invalid-input", "/times/2"],
    ["negative time", (p) => { p.times = [-1]; }, "invalid-input", "/times/0"],
    ["unknown initial", (p) => { p.initial = "neel"; }, "invalid-input", "/initial"],
    ["free-fermion with Δ ≠ 0", (p) => { p.method = "free-fermion"; }, "invalid-input", "/method"],
  ]],
  ["resistor-network", [
    ["missing seed", (p) => { delete p.seed; }, "invalid-input", "/seed"],
    ["dim 3", (p) => { p.dim = 3; }, "invalid-input", "/dim"],
    ["absurd N", (p) => { p.N = 10_000_000; }, "out-of-range", "/N"],
    ["missing theta", (p) => { delete p.theta; }, "invalid-input", "/theta"],
  ]],
  ["resistor-network/charge", [
    ["wrong number of lengths", (p) => { p.lengths = [1, 2]; }, "invalid-input", "/lengths"],
    ["link shorter than a", (p) => { p.lengths[2] = 0.5; }, "invalid-input", "/lengths/2"],
    ["missing V", (p) => { delete p.V; }, "invalid-input", "/V"],
  ]],
  ["resistor-network/spreading", [
    ["x0 outside the network", (p) => { p.x0 = 101; }, "invalid-input", "/x0"],
  ]],
  ["drude", [
    ["L = 2", (p) => { p.L = 2; }, "invalid-input", "/L"],
    ["current unknown", (p) => { p.current = "heat"; }, "invalid-input", "/current"],
  ]],
];

describe("specific bad inputs give the expected code and path", () => {
  for (const [base, list] of cases) {
    it.each(list)(`${base}: %s`, async (_n, mutate, code, path) => {
      const p = clone(VALID[base]);
      mutate(p);
      const err = await rejection(p);
      expect({ code: err.code, path: err.path }).toEqual({ code, path });
    });
  }

  it.each<[unknown, NessrefErrorCode, string]>([
    [null, "invalid-input", ""],
    [[], "invalid-input", ""],
    ["lindblad-ness", "invalid-input", ""],
    [42, "invalid-input", ""],
    [undefined, "invalid-input", ""],
    [{}, "invalid-input", "/kind"],
    [{ kind: 3 }, "invalid-input", "/kind"],
    [{ kind: "no-such-kind" }, "unknown-kind", "/kind"],
  ])("top level %j", async (p, code, path) => {
    const err = await rejection(p);
    expect({ code: err.code, path: err.path }).toEqual({ code, path });
  });
});

describe("fuzz: solve() only ever throws NessrefError", () => {
  it("arbitrary values at the top level", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.jsonValue(), fc.string(), fc.constantFrom(null, NaN, Infinity, [], "")), async (v) => {
        await rejection(v);
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it("objects with a real kind and random fields", async () => {
    const arb = fc.record({
      kind: fc.constantFrom(...KINDS),
      rest: fc.dictionary(fc.constantFrom("L", "J", "delta", "hamiltonian", "baths", "sector", "N", "potentials", "times", "g", "lambda", "mode", "dim"), fc.anything()),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ kind, rest }) => {
        await rejection({ ...rest, kind });
      }),
      { numRuns: 1500, seed: 12 },
    );
  });

  it("a valid problem with one field corrupted (or deleted)", async () => {
    const arb = fc.constantFrom(...VALID_LIST).chain(([name, p]) =>
      fc.record({ name: fc.constant(name), path: fc.constantFrom(...paths(p)), value: badValue }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ name, path, value }) => {
        const p = clone(VALID[name]);
        setAt(p, path, value);
        await rejection(p);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  it("a number field set to a non-finite or non-number value is named in the error path", async () => {
    const arb = fc.constantFrom(...VALID_LIST).chain(([name, p]) =>
      fc.record({
        name: fc.constant(name),
        path: fc.constantFrom(...numberLeaves(p)),
        value: fc.constantFrom<unknown>(NaN, Infinity, -Infinity, "1", null, true, [], {}),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ name, path, value }) => {
        const p = clone(VALID[name]);
        setAt(p, path, value);
        const err = await rejection(p);
        expect(err.code).toBe("invalid-input");
        expect(err.path).toBe(pointer(path));
      }),
      { numRuns: 1000, seed: 14 },
    );
  });

  it("sizes: negative, fractional or huge L/N give invalid-input or out-of-range at that field", async () => {
    const sized: [string, (string | number)[]][] = [
      ["lindblad-ness", ["hamiltonian", "L"]],
      ["quench", ["L"]],
      ["drude", ["L"]],
      ["resistor-network", ["N"]],
      ["harmonic-chain/drawn", ["L"]],
    ];
    const arb = fc.record({
      which: fc.constantFrom(...sized),
      L: fc.oneof(fc.integer({ min: -1e9, max: 1 }), fc.integer({ min: 100_001, max: 1e12 }), fc.double({ noInteger: true })),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ which: [name, path], L }) => {
        const p = clone(VALID[name]);
        setAt(p, path, L);
        const err = await rejection(p);
        expect(["invalid-input", "out-of-range"]).toContain(err.code);
        expect(err.path).toBe(pointer(path));
      }),
      { numRuns: 800, seed: 15 },
    );
  });
});

describe("result guard", () => {
  it("turns typed arrays into arrays and refuses non-finite numbers", () => {
    expect(toJsonResult({ a: new Float64Array([1, 2]), b: [{ c: "x", d: null }] })).toEqual({ a: [1, 2], b: [{ c: "x", d: null }] });
    for (const bad of [NaN, Infinity, -Infinity]) {
      try {
        toJsonResult({ a: [1, { b: bad }] });
        throw new Error("no throw");
      } catch (e) {
        expect(e).toBeInstanceOf(NessrefError);
        expect((e as NessrefError).code).toBe("internal");
        expect((e as NessrefError).path).toBe("/a/1/b");
      }
    }
    expect(() => toJsonResult({ f: () => 1 })).toThrow(NessrefError);
    expect(() => toJsonResult({ u: undefined })).toThrow(NessrefError);
  });
});

describe("dispatch through the registry", () => {
  const drude = VALID.drude;
  it("a registered handler's result comes back as plain JSON; NaN or a throw become internal", async () => {
    const { registerKind } = await import("../src/problem/solve.js");
    try {
      registerKind("drude", (p) => ({ value: (p.J * p.J) / 16, profile: new Float64Array([1, 2]) as unknown as number[], bound: null }));
      expect(await solve(clone(drude))).toEqual({ value: 1 / 16, profile: [1, 2], bound: null });
      // validation still runs before the handler
      expect((await rejection({ ...clone(drude) as object, L: 1 })).code).toBe("invalid-input");
      registerKind("drude", () => ({ value: NaN, bound: null }));
      expect(await rejection(clone(drude))).toMatchObject({ code: "internal", path: "/value" });
      registerKind("drude", () => { throw new RangeError("boom"); });
      expect((await rejection(clone(drude))).code).toBe("internal");
      registerKind("drude", () => { throw new NessrefError("no-convergence", "stuck", ""); });
      expect((await rejection(clone(drude))).code).toBe("no-convergence");
    } finally {
      unregisterKind("drude");
    }
    expect((await rejection(clone(drude))).code).toBe("not-implemented");
  });
});
