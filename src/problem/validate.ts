/**
 * Validation of a problem against the JSON contract (CONTRACT.md): a schema pass
 * (TypeBox, {@link problemSchema}) followed by a semantic pass for what a schema cannot
 * express (sites inside 1..L, per-site and per-bond array lengths, adjacency, …).
 * Every failure is a {@link NessrefError} whose `path` is a JSON pointer to the field.
 *
 * @module
 */
import type { TSchema } from "@sinclair/typebox";
import { Value, ValueErrorType, type ValueError } from "@sinclair/typebox/value";
import { NessrefError } from "../errors.js";
import {
  KINDS,
  isKind,
  schemaFor,
  type DrudeProblem,
  type HarmonicChainProblem,
  type LindbladNessProblem,
  type Problem,
  type QuenchProblem,
  type RedfieldRingProblem,
  type ResistorNetworkProblem,
} from "./schema.js";

/**
 * Largest chain length (or 1D network size) accepted by any kind; beyond it: `out-of-range`.
 *
 * @example
 * ```ts
 * import { MAX_SITES } from "nessref";
 * console.log(MAX_SITES); // 100000
 * ```
 */
export const MAX_SITES = 100_000;
/**
 * Largest side of a 2D resistor network; beyond it: `out-of-range`.
 *
 * @example
 * ```ts
 * import { MAX_SIDE_2D } from "nessref";
 * console.log(MAX_SIDE_2D); // 3000
 * ```
 */
export const MAX_SIDE_2D = 3_000;

type Obj = Record<string, unknown>;

function isPlainObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (typeof v === "string") return v.length > 40 ? `a string of length ${v.length}` : JSON.stringify(v);
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}

/** A short English description of what a (JSON) schema accepts. */
function describeSchema(s: Obj): string {
  if ("const" in s) return JSON.stringify(s.const);
  if (Array.isArray(s.anyOf)) {
    const d = discriminated(s, undefined);
    if (d) return `an object whose '${d.key}' is one of ${d.allowed.map((a) => JSON.stringify(a)).join(", ")}`;
    return [...new Set((s.anyOf as Obj[]).map(describeSchema))].join(" or ");
  }
  const bounds: string[] = [];
  if (typeof s.minimum === "number") bounds.push(`≥ ${s.minimum}`);
  if (typeof s.exclusiveMinimum === "number") bounds.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.maximum === "number") bounds.push(`≤ ${s.maximum}`);
  const b = bounds.length ? " " + bounds.join(" and ") : "";
  switch (s.type) {
    case "integer":
      return `an integer${b}`;
    case "number":
      return `a finite number${b}`;
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    case "array": {
      const items = isPlainObject(s.items) ? describeSchema(s.items) : "values";
      const n: string[] = [];
      if (typeof s.minItems === "number" && s.minItems === s.maxItems) n.push(`exactly ${s.minItems} items`);
      else {
        if (typeof s.minItems === "number" && s.minItems > 0) n.push(`at least ${s.minItems} items`);
        if (typeof s.maxItems === "number" && s.maxItems < 1000) n.push(`at most ${s.maxItems} items`);
      }
      return `an array${n.length ? " of " + n.join(", ") : ""} (each item ${items})`;
    }
    case "object":
      return "an object";
    default:
      return "a valid value";
  }
}

function parentPath(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "" : path.slice(0, i);
}

function fieldName(path: string): string {
  return path === "" ? "the problem" : `'${path}'`;
}

/** The member of a union keyed by a literal `type`/`kind` property matching `value`, if any. */
function discriminated(union: Obj, value: unknown): { key: string; allowed: unknown[]; member?: Obj } | undefined {
  const members = union.anyOf as Obj[];
  for (const key of ["type", "kind"]) {
    const lits = members.map((m) => (isPlainObject(m.properties) && isPlainObject((m.properties as Obj)[key]) ? ((m.properties as Obj)[key] as Obj).const : undefined));
    if (lits.every((l) => typeof l === "string")) {
      const tag = isPlainObject(value) ? value[key] : undefined;
      const i = lits.indexOf(tag as string);
      return { key, allowed: lits, member: i >= 0 ? members[i] : undefined };
    }
  }
  return undefined;
}

/** Turn the first schema error into a NessrefError, descending into discriminated unions. */
function schemaError(schema: TSchema, value: unknown, base: string): NessrefError | undefined {
  let first: ValueError | undefined;
  for (const e of Value.Errors(schema, value)) {
    first = e;
    break;
  }
  if (!first) return undefined;
  const path = base + first.path;
  const s = first.schema as unknown as Obj;
  if (first.type === ValueErrorType.ObjectRequiredProperty) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    return new NessrefError("invalid-input", `missing required field '${name}' in ${fieldName(parentPath(path))}: expected ${describeSchema(s)}`, path);
  }
  if (first.type === ValueErrorType.ObjectAdditionalProperties) {
    const props = isPlainObject(s.properties) ? Object.keys(s.properties) : [];
    return new NessrefError(
      "invalid-input",
      `unknown field ${fieldName(path)}; the fields allowed here are: ${props.join(", ")}`,
      path,
    );
  }
  if (Array.isArray(s.anyOf) && !isPlainObject(first.value)) {
    // An undiscriminated union (e.g. Δ: number | number[]): descend into the one member of the value's JSON type.
    const jsType = Array.isArray(first.value) ? "array" : typeof first.value;
    const same = (s.anyOf as Obj[]).filter((m) => m.type === jsType || (jsType === "number" && m.type === "integer"));
    if (same.length === 1 && jsType !== "number") {
      const inner = schemaError(same[0] as unknown as TSchema, first.value, path);
      if (inner) return inner;
    }
  }
  if (Array.isArray(s.anyOf) && isPlainObject(first.value)) {
    const d = discriminated(s, first.value);
    if (d) {
      const tag = (first.value as Obj)[d.key];
      if (!d.member) {
        return new NessrefError(
          "invalid-input",
          `${fieldName(path + "/" + d.key)} must be one of ${d.allowed.map((a) => JSON.stringify(a)).join(", ")}; got ${describeValue(tag)}`,
          path + "/" + d.key,
        );
      }
      const inner = schemaError(d.member as unknown as TSchema, first.value, path);
      if (inner) return inner;
    }
  }
  return new NessrefError("invalid-input", `${fieldName(path)} must be ${describeSchema(s)}; got ${describeValue(first.value)}`, path);
}

const bad = (message: string, path: string) => new NessrefError("invalid-input", message, path);

function checkSize(n: number, path: string, max = MAX_SITES): void {
  if (n > max) throw new NessrefError("out-of-range", `${fieldName(path)} = ${n} is beyond the largest size nessref accepts (${max})`, path);
}

function checkLength(arr: readonly unknown[] | undefined, n: number, path: string, what: string): void {
  if (arr !== undefined && arr.length !== n) throw bad(`${fieldName(path)} must have ${n} entries (${what}); got ${arr.length}`, path);
}

function checkSite(site: number, L: number, path: string): void {
  if (site < 1 || site > L) throw bad(`${fieldName(path)} = ${site} is not a site of the chain: expected an integer in 1..${L}`, path);
}

function checkDistinct(sites: readonly number[], path: string): void {
  const seen = new Set<number>();
  sites.forEach((s, i) => {
    if (seen.has(s)) throw bad(`site ${s} appears twice in ${fieldName(path)}`, `${path}/${i}`);
    seen.add(s);
  });
}

function checkNonDecreasing(t: readonly number[], path: string): void {
  for (let i = 1; i < t.length; i++) {
    if (t[i] < t[i - 1]) throw bad(`${fieldName(path)} must be non-decreasing; entry ${i} (${t[i]}) < entry ${i - 1} (${t[i - 1]})`, `${path}/${i}`);
  }
}

function semanticLindblad(p: LindbladNessProblem): void {
  const h = p.hamiltonian;
  const L = h.L;
  checkSize(L, "/hamiltonian/L");
  if (h.type === "xxz" || h.type === "fermion-chain") {
    if (h.type === "xxz" && Array.isArray(h.delta)) checkLength(h.delta, L - 1, "/hamiltonian/delta", "one Δ per bond, L−1");
    checkLength(h.fields, L, "/hamiltonian/fields", "one field per site, L");
    if (h.fields !== undefined && h.W !== undefined) throw bad("give either '/hamiltonian/fields' or '/hamiltonian/W' with a seed, not both", "/hamiltonian/W");
    if (h.W !== undefined && h.seed === undefined) throw bad("'/hamiltonian/W' draws random fields and needs '/hamiltonian/seed'", "/hamiltonian/seed");
    if (h.seed !== undefined && h.W === undefined) throw bad("'/hamiltonian/seed' is only used with '/hamiltonian/W'", "/hamiltonian/seed");
  } else {
    checkLength(h.zetaZ, L, "/hamiltonian/zetaZ", "one ζ^z per site, L");
    checkLength(h.zetaX, L, "/hamiltonian/zetaX", "one ζ^x per site, L");
  }
  p.baths.forEach((b, k) => {
    const at = `/baths/${k}`;
    if (b.type === "target") {
      b.sites.forEach((s, j) => checkSite(s, L, `${at}/sites/${j}`));
      if (b.sites[1] !== b.sites[0] + 1) throw bad(`${fieldName(at + "/sites")} must be two adjacent sites [a, a+1]; got [${b.sites.join(", ")}]`, `${at}/sites`);
    } else if (b.type === "source-sink") {
      checkSite(b.site, L, `${at}/site`);
    } else if (b.type === "dephasing") {
      if (b.sites) {
        b.sites.forEach((s, j) => checkSite(s, L, `${at}/sites/${j}`));
        checkDistinct(b.sites, `${at}/sites`);
      }
    } else if (h.type !== "heisenberg-xz") {
      throw bad(`a 'bulk-nonthermal' bath belongs to the 'heisenberg-xz' Hamiltonian (MODELS §3); got '${h.type}'`, `${at}/type`);
    }
  });
  const method = p.method ?? "auto";
  if (p.tebd !== undefined && method !== "tebd" && method !== "auto") throw bad(`'/tebd' options are only used with method 'tebd' (or 'auto', when it chooses TEBD); got method '${method}'`, "/tebd");
  if (method === "tebd" && p.tebd === undefined) throw bad("method 'tebd' needs the options '/tebd' ({chi, dt, tol?, maxTime?, order?, cutoff?})", "/tebd");
  if (method === "free-fermion") {
    const why = quadraticReason(p);
    if (why) throw bad(`method 'free-fermion': ${why.message}`, why.path);
  }
}

/**
 * Why a `lindblad-ness` problem is not quadratic (null when it is): the free-fermion road of
 * CONVENTIONS §2 needs every Δ_b = 0 (xxz) or V = 0 (fermion-chain), and baths among source/sink at
 * sites 1 and L, dephasing, and target baths on (1, 2) or (L−1, L) (at an interior site or pair the
 * Jordan–Wigner string makes the spin bath differ from the fermionic one, and the two-point function
 * does not close).
 *
 * @param p - a validated problem
 * @returns null, or `{ message, path }` naming the first obstacle
 *
 * @example
 * ```ts
 * import { quadraticReason } from "nessref";
 * quadraticReason({ kind: "lindblad-ness", hamiltonian: { type: "xxz", L: 4, J: 1, delta: 0 },
 *   baths: [{ type: "dephasing", rate: 0.1 }] }); // null
 * ```
 */
export function quadraticReason(p: LindbladNessProblem): {
  /** what is not quadratic */ message: string;
  /** JSON pointer of the offending field */ path: string;
} | null {
  const h = p.hamiltonian;
  if (h.type === "heisenberg-xz") return { message: "the §3 chain (Heisenberg exchange, transverse fields) is not quadratic", path: "/hamiltonian/type" };
  if (h.type === "xxz") {
    const zero = Array.isArray(h.delta) ? h.delta.every((d) => d === 0) : h.delta === 0;
    if (!zero) return { message: "the free-fermion road needs every Δ_b = 0 (CONVENTIONS §2)", path: "/hamiltonian/delta" };
  } else if (h.V !== 0) {
    return { message: "the free-fermion road needs V = 0 (CONVENTIONS §2)", path: "/hamiltonian/V" };
  }
  for (let k = 0; k < p.baths.length; k++) {
    const b = p.baths[k]!;
    if (b.type === "bulk-nonthermal") return { message: "the bulk drive of §3 is not quadratic", path: `/baths/${k}/type` };
    if (b.type === "target" && b.sites[0] !== 1 && b.sites[0] !== h.L - 1) {
      return {
        message: `a target bath on the interior pair (${b.sites[0]}, ${b.sites[1]}) does not keep the two-point function closed: for i < a < a+1 < j the Jordan–Wigner string of a†_i a_j passes through the pair as σ^z_a σ^z_{a+1}, which the reset replaces by its target expectation; the free-fermion road takes target baths on (1, 2) and (L−1, L) only — use method 'ed'`,
        path: `/baths/${k}/sites`,
      };
    }
    if (b.type === "source-sink" && b.site !== 1 && b.site !== h.L) {
      return {
        message: `a source/sink bath at the interior site ${b.site} carries a Jordan–Wigner string (σ^±_s = Π_{k<s}(−σ^z_k) a^±_s), so the two-point function does not close; the free-fermion road takes source/sink baths at sites 1 and L only — use method 'ed'`,
        path: `/baths/${k}/site`,
      };
    }
  }
  return null;
}


function semanticHarmonic(p: HarmonicChainProblem): void {
  const drawn = ["L", "vMin", "vMax", "seed"] as const;
  const given = drawn.filter((k) => p[k] !== undefined);
  let L: number;
  if (p.potentials !== undefined) {
    if (given.length > 0) throw bad(`give either 'potentials' or {L, vMin, vMax, seed}, not both (found '${given[0]}')`, `/${given[0]}`);
    if (p.potentials.length < 2) throw bad(`'/potentials' must have at least 2 entries (L ≥ 2); got ${p.potentials.length}`, "/potentials");
    L = p.potentials.length;
    checkSize(L, "/potentials");
  } else {
    const missing = drawn.find((k) => p[k] === undefined);
    if (missing) throw bad(`missing '${missing}': give either 'potentials' or all of {L, vMin, vMax, seed}`, `/${missing}`);
    L = p.L as number;
    checkSize(L, "/L");
    if ((p.vMax as number) < (p.vMin as number)) throw bad(`'/vMax' (${p.vMax}) must be ≥ '/vMin' (${p.vMin})`, "/vMax");
  }
  p.baths.forEach((b, k) => checkSite(b.site, L, `/baths/${k}/site`));
  checkDistinct(p.baths.map((b) => b.site), "/baths");
}

function semanticQuench(p: QuenchProblem): void {
  const L = p.L;
  checkSize(L, "/L");
  if (L % 2 !== 0) throw bad(`'/L' must be even for the initial state '${p.initial}' (its halves are sites 1..L/2 and L/2+1..L, MODELS §7); got ${L}`, "/L");
  if (Array.isArray(p.delta)) checkLength(p.delta, L - 1, "/delta", "one Δ per bond, L−1");
  checkLength(p.fields, L, "/fields", "one field per site, L");
  if (p.times.length === 0) throw bad("'/times' must hold at least one time", "/times");
  checkNonDecreasing(p.times, "/times");
  const method = p.method ?? "auto";
  if (p.tebd !== undefined && method !== "tebd" && method !== "auto") throw bad(`'/tebd' options are only used with method 'tebd' (or 'auto', when it chooses TEBD); got method '${method}'`, "/tebd");
  if (method === "tebd" && p.tebd === undefined) throw bad("method 'tebd' needs the options '/tebd' ({chi, dt, order?, cutoff?})", "/tebd");
  if (method === "free-fermion") {
    const zero = Array.isArray(p.delta) ? p.delta.every((d) => d === 0) : p.delta === 0;
    if (!zero) throw bad("method 'free-fermion' needs every Δ_b = 0 (MODELS §2)", "/method");
  }
}

function semanticResistor(p: ResistorNetworkProblem): void {
  const N = p.N;
  checkSize(N, "/N", p.dim === 1 ? MAX_SITES : MAX_SIDE_2D);
  const islands = p.dim === 1 ? N : N * N;
  const need = (field: keyof ResistorNetworkProblem, why: string) => {
    if (p[field] === undefined) throw bad(`missing '${String(field)}' (${why})`, `/${String(field)}`);
  };
  const explicit1 = p.lengths !== undefined;
  const explicit2 = p.lengthsH !== undefined || p.lengthsV !== undefined;
  if (p.dim === 1 && explicit2) throw bad("'lengthsH'/'lengthsV' belong to dim 2; in 1D give 'lengths'", p.lengthsH !== undefined ? "/lengthsH" : "/lengthsV");
  if (p.dim === 2 && explicit1) throw bad("'lengths' belongs to dim 1; in 2D give 'lengthsH' and 'lengthsV'", "/lengths");
  if (p.dim === 2 && explicit2) {
    if (p.lengthsH === undefined) throw bad("missing 'lengthsH' (given 'lengthsV')", "/lengthsH");
    if (p.lengthsV === undefined) throw bad("missing 'lengthsV' (given 'lengthsH')", "/lengthsV");
    checkLength(p.lengthsH, N * (N - 1), "/lengthsH", "N×(N−1) horizontal links");
    checkLength(p.lengthsV, (N - 1) * N, "/lengthsV", "(N−1)×N vertical links");
  }
  if (explicit1) checkLength(p.lengths, p.mode === "charge" ? N : N - 1, "/lengths", p.mode === "charge" ? "N links of nodes 0..N" : "N−1 links");
  for (const f of ["lengths", "lengthsH", "lengthsV"] as const) {
    const arr = p[f];
    if (arr) arr.forEach((l, i) => {
      if (l < p.a) throw bad(`'/${f}/${i}' = ${l} is shorter than the minimal link length a = ${p.a} (MODELS §4)`, `/${f}/${i}`);
    });
  }
  const explicit = explicit1 || explicit2;
  if (explicit) {
    if (p.realizations !== undefined && p.realizations !== 1) throw bad(`explicit link lengths give one realization; '/realizations' must be 1, got ${p.realizations}`, "/realizations");
  } else need("seed", "the disorder is drawn from the seeded generator unless the link lengths are given");
  if (p.mode === "thermal") {
    need("epsilon", "thermal mode");
    need("kappa0", "thermal mode");
    need("T0", "thermal mode");
    need("theta", "thermal mode");
    const g = p.g1 !== undefined || p.g2 !== undefined;
    if (explicit && !g) throw bad("explicit link lengths in thermal mode need explicit 'g1' and 'g2' too (one realization)", "/g1");
    if (p.dg1 !== undefined && p.dg1 >= 1) throw bad(`dg1 = ${p.dg1} must be < 1 so that every sink weight g1 = 1 + δ, |δ| ≤ dg1, is > 0 (MODELS §4)`, "/dg1");
    if (g) {
      if (!explicit) throw bad("explicit 'g1', 'g2' need explicit link lengths too (one realization)", p.g1 !== undefined ? "/g1" : "/g2");
      need("g1", "given 'g2'");
      need("g2", "given 'g1'");
      checkLength(p.g1, islands, "/g1", "one per island");
      checkLength(p.g2, islands, "/g2", "one per island");
    } else {
      need("dg1", "thermal mode without explicit g1");
      need("dg2", "thermal mode without explicit g2");
    }
  } else if (p.mode === "charge") {
    need("epsilon", "charge mode");
    need("V", "charge mode");
    need("sigma0", "charge mode");
  } else {
    if (p.epsilon !== undefined && p.epsilon !== 0) throw bad(`spreading is the closed network (ε = 0, MODELS §4); got epsilon = ${p.epsilon}`, "/epsilon");
    need("times", "spreading mode");
    need("x0", "spreading mode");
    checkSite(p.x0 as number, islands, "/x0");
    checkNonDecreasing(p.times as number[], "/times");
  }
}

function semantic(p: Problem): void {
  switch (p.kind) {
    case "lindblad-ness":
      return semanticLindblad(p);
    case "harmonic-chain":
      return semanticHarmonic(p);
    case "quench":
      return semanticQuench(p);
    case "resistor-network":
      return semanticResistor(p);
    case "drude":
      return checkSize((p as DrudeProblem).L, "/L");
    case "redfield-ring":
      return void (p as RedfieldRingProblem);
  }
}

/**
 * Validate an arbitrary value as a problem of the contract (CONTRACT.md) and return it
 * typed. Never returns for bad input: it throws a {@link NessrefError} with code
 * `invalid-input` (wrong type, missing field, NaN, out-of-domain value, bath on a site
 * that does not exist, …), `unknown-kind`, `out-of-range` (absurd sizes, L > {@link MAX_SITES})
 * or `non-unique-ness` (a `redfield-ring` without a sector, MODELS §6), whose `path` is
 * the JSON pointer of the offending field.
 *
 * @param problem - the parsed JSON problem (any value)
 * @returns the same object, typed as a {@link Problem}
 *
 * @example
 * ```ts
 * import { validateProblem, NessrefError } from "nessref";
 * try {
 *   validateProblem({ kind: "drude", L: 1, J: 1, delta: 0.5, current: "spin" });
 * } catch (e) {
 *   if (e instanceof NessrefError) console.log(e.code, e.path); // invalid-input /L
 * }
 * ```
 */
export function validateProblem(problem: unknown): Problem {
  if (!isPlainObject(problem)) {
    throw bad(`a problem must be a JSON object with a 'kind' (one of ${KINDS.join(", ")}); got ${describeValue(problem)}`, "");
  }
  const kind = problem.kind;
  if (kind === undefined) throw bad(`missing required field 'kind': expected one of ${KINDS.join(", ")}`, "/kind");
  if (typeof kind !== "string") throw bad(`'/kind' must be a string, one of ${KINDS.join(", ")}; got ${describeValue(kind)}`, "/kind");
  if (!isKind(kind)) {
    throw new NessrefError("unknown-kind", `unknown kind ${describeValue(kind)}; the kinds are: ${KINDS.join(", ")}`, "/kind");
  }
  if (kind === "redfield-ring" && (problem.sector === null || problem.sector === undefined)) {
    throw new NessrefError(
      "non-unique-ness",
      "the four-spin ring has one steady state per magnetization sector (the generator's kernel is 5-dimensional, MODELS §6): give 'sector' 0..4",
      "/sector",
    );
  }
  const err = schemaError(schemaFor(kind) as TSchema, problem, "");
  if (err) throw err;
  const p = problem as unknown as Problem;
  semantic(p);
  return p;
}
