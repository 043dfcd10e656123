/**
 * TypeBox schemas of the JSON contract (CONTRACT.md, "Kinds"): one object schema per
 * problem kind, each field described with the MODELS.md section it follows.
 *
 * The schemas check types, finiteness (TypeBox refuses `NaN` and `±Infinity`),
 * integrality and simple ranges; what a schema cannot express (bath sites inside 1..L,
 * per-site array lengths, …) is checked by the second pass in `validate.ts`
 * ({@link validateProblem}).
 *
 * @module
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox";

const num = (description: string) => Type.Number({ description });
const nonNeg = (description: string) => Type.Number({ minimum: 0, description });
const pos = (description: string) => Type.Number({ exclusiveMinimum: 0, description });
const size = (description: string) => Type.Integer({ minimum: 2, description });
const seed = (description: string) =>
  Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });
const numArray = (description: string, item = Type.Number()) =>
  Type.Array(item, { maxItems: 10_000_000, description });
const strict = { additionalProperties: false } as const;

const deltaSchema = Type.Union([num("one anisotropy Δ for every bond"), numArray("per-bond Δ_b, L−1 numbers (bond b joins sites b, b+1)")], {
  description: "Anisotropy Δ: one number or a per-bond array of L−1 numbers (MODELS §1).",
});

const xxzHamiltonianDef = Type.Object(
  {
    type: Type.Literal("xxz"),
    L: size("number of sites L ≥ 2"),
    J: num("exchange coupling J (MODELS §1)"),
    delta: deltaSchema,
    fields: Type.Optional(numArray("per-site fields h_i, L numbers, default zeros (MODELS §1)")),
    W: Type.Optional(nonNeg("disorder strength: fields drawn uniformly from [−W, W] with `seed` (instead of `fields`; nessref addition)")),
    seed: Type.Optional(seed("seed of the field draw (with `W`)")),
  },
  { ...strict, description: "XXZ chain H = Σ_b J[s^x s^x + s^y s^y + Δ_b s^z s^z] + Σ_i h_i s^z_i (MODELS §1)." },
);
/** `hamiltonian.type = "xxz"`: the XXZ chain of MODELS §1.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { xxzHamiltonianSchema } from "nessref";
 * Value.Check(xxzHamiltonianSchema, { type: "xxz", L: 4, J: 1, delta: 1 }); // true
 * ```
 */
export const xxzHamiltonianSchema: TSchema = xxzHamiltonianDef;

const fermionChainHamiltonianDef = Type.Object(
  {
    type: Type.Literal("fermion-chain"),
    L: size("number of sites L ≥ 2"),
    J: num("hopping J (MODELS §1d)"),
    V: num("nearest-neighbour interaction V (MODELS §1d)"),
    fields: Type.Optional(numArray("per-site fields h_x (entering as 2h_x n_x), L numbers, default zeros (MODELS §1d)")),
    W: Type.Optional(nonNeg("disorder strength: h_x drawn uniformly from [−W, W] with `seed` (instead of `fields`; nessref addition)")),
    seed: Type.Optional(seed("seed of the field draw (with `W`)")),
  },
  { ...strict, description: "Fermion chain H_F = Σ J(a†a + h.c.) + V n n + 2Σ h_x n_x (MODELS §1d)." },
);
/** `hamiltonian.type = "fermion-chain"`: the spinless fermion chain of MODELS §1d.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { fermionChainHamiltonianSchema } from "nessref";
 * Value.Check(fermionChainHamiltonianSchema, { type: "fermion-chain", L: 4, J: 1, V: 1 }); // true
 * ```
 */
export const fermionChainHamiltonianSchema: TSchema = fermionChainHamiltonianDef;

const heisenbergXzHamiltonianDef = Type.Object(
  {
    type: Type.Literal("heisenberg-xz"),
    L: size("number of sites L ≥ 2"),
    h: num("field strength h (MODELS §3)"),
    zetaZ: numArray("per-site ζ^z_i, L numbers (MODELS §3)"),
    zetaX: numArray("per-site ζ^x_i, L numbers (MODELS §3)"),
  },
  { ...strict, description: "Heisenberg chain with random z and x fields, H = Σ s_b·s_{b+1} + h Σ(ζ^z s^z + ζ^x s^x) (MODELS §3)." },
);
/** `hamiltonian.type = "heisenberg-xz"`: the bulk-driven Heisenberg chain of MODELS §3.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { heisenbergXzHamiltonianSchema } from "nessref";
 * Value.Check(heisenbergXzHamiltonianSchema, { type: "heisenberg-xz", L: 2, h: 1, zetaZ: [0.2, -0.4], zetaX: [0.1, 0.9] }); // true
 * ```
 */
export const heisenbergXzHamiltonianSchema: TSchema = heisenbergXzHamiltonianDef;

const hamiltonianDef = Type.Union(
  [xxzHamiltonianDef, fermionChainHamiltonianDef, heisenbergXzHamiltonianDef],
  { description: "The chain Hamiltonian, keyed by `type` (MODELS §1, §1d, §3)." },
);
/** Any Hamiltonian of a `lindblad-ness` problem, keyed by `type`.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { hamiltonianSchema } from "nessref";
 * Value.Check(hamiltonianSchema, { type: "xxz", L: 4, J: 1, delta: [0, 0.5, 1] }); // true
 * ```
 */
export const hamiltonianSchema: TSchema = hamiltonianDef;

const targetBathDef = Type.Object(
  {
    type: Type.Literal("target"),
    sites: Type.Array(Type.Integer(), { minItems: 2, maxItems: 2, description: "two adjacent 1-based sites [a, a+1]" }),
    beta: num("inverse temperature β_k of the target state (negative allowed)"),
    mu: num("chemical potential μ_k of the target state"),
    rate: Type.Optional(nonNeg("reset rate Γ ≥ 0, default 1")),
  },
  { ...strict, description: "Target-state (reset) bath D(ρ) = Γ(ρ_k ⊗ Tr_{a,a+1}ρ − ρ) on sites a, a+1 (MODELS §1a)." },
);
/** Boundary target-state bath on two adjacent sites (MODELS §1a).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { targetBathSchema } from "nessref";
 * Value.Check(targetBathSchema, { type: "target", sites: [1, 2], beta: 0.5, mu: 0, rate: 1 }); // true
 * ```
 */
export const targetBathSchema: TSchema = targetBathDef;

const sourceSinkBathDef = Type.Object(
  {
    type: Type.Literal("source-sink"),
    site: Type.Integer({ description: "1-based site s" }),
    gammaPlus: nonNeg("rate γ⁺ ≥ 0 of L₊ = √γ⁺ σ^+_s"),
    gammaMinus: nonNeg("rate γ⁻ ≥ 0 of L₋ = √γ⁻ σ^−_s"),
  },
  { ...strict, description: "Source/sink bath L₊ = √γ⁺σ^+_s, L₋ = √γ⁻σ^−_s (MODELS §1b)." },
);
/** Source/sink bath on one site (MODELS §1b).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { sourceSinkBathSchema } from "nessref";
 * Value.Check(sourceSinkBathSchema, { type: "source-sink", site: 1, gammaPlus: 3, gammaMinus: 1 }); // true
 * ```
 */
export const sourceSinkBathSchema: TSchema = sourceSinkBathDef;

const dephasingBathDef = Type.Object(
  {
    type: Type.Literal("dephasing"),
    rate: nonNeg("dephasing rate γ_d ≥ 0"),
    sites: Type.Optional(Type.Array(Type.Integer(), { maxItems: 100_000, description: "1-based sites; all sites when absent" })),
  },
  { ...strict, description: "Dephasing L_i = √γ_d σ^z_i (MODELS §1c)." },
);
/** Bulk dephasing (MODELS §1c).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { dephasingBathSchema } from "nessref";
 * Value.Check(dephasingBathSchema, { type: "dephasing", rate: 0.1 }); // true
 * ```
 */
export const dephasingBathSchema: TSchema = dephasingBathDef;

const bulkNonthermalBathDef = Type.Object(
  {
    type: Type.Literal("bulk-nonthermal"),
    epsilon: nonNeg("rate ε ≥ 0 of every Lindblad operator of MODELS §3"),
  },
  { ...strict, description: "The bulk Lindblad drive L^{±,1}, L^{±,2}, L^z of MODELS §3." },
);
/** Bulk non-thermal drive of the Heisenberg chain (MODELS §3).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { bulkNonthermalBathSchema } from "nessref";
 * Value.Check(bulkNonthermalBathSchema, { type: "bulk-nonthermal", epsilon: 0.01 }); // true
 * ```
 */
export const bulkNonthermalBathSchema: TSchema = bulkNonthermalBathDef;

const bathDef = Type.Union(
  [targetBathDef, sourceSinkBathDef, dephasingBathDef, bulkNonthermalBathDef],
  { description: "A bath, keyed by `type` (MODELS §1a–1c, §3)." },
);
/** Any bath of a `lindblad-ness` problem, keyed by `type`.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { bathSchema } from "nessref";
 * Value.Check(bathSchema, { type: "dephasing", rate: 0.1, sites: [2, 3] }); // true
 * ```
 */
export const bathSchema: TSchema = bathDef;

const lindbladTebdDef = Type.Object(
  {
    chi: Type.Integer({ minimum: 1, description: "maximal bond dimension χ ≥ 1" }),
    dt: pos("time step > 0"),
    tol: Type.Optional(nonNeg("stationarity tolerance, relative to the largest current (default 1e-6)")),
    maxTime: Type.Optional(pos("maximal evolution time > 0 (default 2000)")),
    order: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(4)], { description: "Trotter order 1, 2 or 4 (default 4)" })),
    cutoff: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, description: "largest discarded weight per update, relative (default 0: χ only)" })),
  },
  { ...strict, description: "Options of the Lindblad TEBD solver (MPO time evolution to the NESS)." },
);
/** TEBD options of a `lindblad-ness` problem.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { lindbladTebdSchema } from "nessref";
 * Value.Check(lindbladTebdSchema, { chi: 64, dt: 0.05, tol: 1e-8, maxTime: 200 }); // true
 * ```
 */
export const lindbladTebdSchema: TSchema = lindbladTebdDef;

const lindbladMethod = Type.Union(
  [Type.Literal("auto"), Type.Literal("ed"), Type.Literal("free-fermion"), Type.Literal("tebd")],
  { description: "solver: auto, ed, free-fermion (quadratic models only, MODELS §2) or tebd" },
);

const lindbladNessDef = Type.Object(
  {
    kind: Type.Literal("lindblad-ness"),
    hamiltonian: hamiltonianDef,
    baths: Type.Array(bathDef, { maxItems: 100_000, description: "the baths (MODELS §1a–1c, §3)" }),
    method: Type.Optional(lindbladMethod),
    tebd: Type.Optional(lindbladTebdDef),
  },
  { ...strict, description: "Steady state of a Lindblad chain (CONTRACT `lindblad-ness`, MODELS §1–3)." },
);
/** `kind = "lindblad-ness"`: steady state of a Lindblad chain (MODELS §1–3).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { lindbladNessSchema } from "nessref";
 * Value.Check(lindbladNessSchema, { kind: "lindblad-ness", hamiltonian: { type: "xxz", L: 4, J: 1, delta: 1 },
 *   baths: [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0 }] }); // true
 * ```
 */
export const lindbladNessSchema: TSchema = lindbladNessDef;

const redfieldRingDef = Type.Object(
  {
    kind: Type.Literal("redfield-ring"),
    J: num("XY coupling J (MODELS §6)"),
    delta: num("density interaction Δ (MODELS §6)"),
    h2: num("field on site 2 (MODELS §6)"),
    h3: num("field on site 3 (MODELS §6)"),
    TL: pos("temperature T_L > 0 of the bath on site 1"),
    TR: pos("temperature T_R > 0 of the bath on site 3"),
    gamma: pos("coupling γ > 0 of J(ω) = γ ω e^{−ω/ωc} (γ = 0 leaves every state steady)"),
    omegaC: pos("cutoff ω_c > 0"),
    sector: Type.Integer({ minimum: 0, maximum: 4, description: "number of up spins 0..4 (required: MODELS §6)" }),
  },
  { ...strict, description: "Four-spin ring with non-secular Redfield baths (CONTRACT `redfield-ring`, MODELS §6)." },
);
/** `kind = "redfield-ring"`: the four-spin ring with Redfield baths (MODELS §6).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { redfieldRingSchema } from "nessref";
 * Value.Check(redfieldRingSchema, { kind: "redfield-ring", J: 1, delta: 2.19, h2: 2, h3: 1,
 *   TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 }); // true
 * ```
 */
export const redfieldRingSchema: TSchema = redfieldRingDef;

const harmonicBathDef = Type.Object(
  {
    site: Type.Integer({ description: "1-based site" }),
    T: nonNeg("bath temperature T ≥ 0"),
  },
  { ...strict, description: "A Langevin bath at one site (MODELS §5)." },
);
/** One Langevin bath of the harmonic chain (MODELS §5).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { harmonicBathSchema } from "nessref";
 * Value.Check(harmonicBathSchema, { site: 1, T: 1 }); // true
 * ```
 */
export const harmonicBathSchema: TSchema = harmonicBathDef;

const harmonicChainDef = Type.Object(
  {
    kind: Type.Literal("harmonic-chain"),
    potentials: Type.Optional(numArray("on-site potentials V_x > 0, one per site", Type.Number({ exclusiveMinimum: 0 }))),
    L: Type.Optional(size("number of sites when the potentials are drawn")),
    vMin: Type.Optional(pos("lower end v_min > 0 of the uniform potential distribution")),
    vMax: Type.Optional(pos("upper end v_max ≥ v_min of the uniform potential distribution")),
    seed: Type.Optional(seed("seed of the library's generator for the potentials")),
    g: pos("coupling g > 0 (H = V − gΔ)"),
    lambda: nonNeg("friction λ ≥ 0; 0 means the λ → 0 formula"),
    baths: Type.Array(harmonicBathDef, { minItems: 1, maxItems: 100_000, description: "baths, one per boundary site" }),
  },
  { ...strict, description: "Harmonic chain with Langevin baths; give `potentials` or {L, vMin, vMax, seed} (CONTRACT `harmonic-chain`, MODELS §5)." },
);
/** `kind = "harmonic-chain"`: harmonic chain with Langevin baths (MODELS §5).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { harmonicChainSchema } from "nessref";
 * Value.Check(harmonicChainSchema, { kind: "harmonic-chain", L: 8, vMin: 1, vMax: 2, seed: 1, g: 0.1,
 *   lambda: 0.5, baths: [{ site: 1, T: 1 }, { site: 8, T: 2 }] }); // true
 * ```
 */
export const harmonicChainSchema: TSchema = harmonicChainDef;

const quenchTebdDef = Type.Object(
  {
    chi: Type.Integer({ minimum: 1, description: "maximal bond dimension χ ≥ 1" }),
    dt: pos("time step > 0"),
    order: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(4)], { description: "Trotter order 1, 2 or 4 (default 4)" })),
    cutoff: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, description: "largest discarded weight Σ s²/Σ s² per update (default 0: χ only)" })),
  },
  { ...strict, description: "Options of the unitary TEBD solver." },
);
/** TEBD options of a `quench` problem.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { quenchTebdSchema } from "nessref";
 * Value.Check(quenchTebdSchema, { chi: 128, dt: 0.02, order: 4 }); // true
 * ```
 */
export const quenchTebdSchema: TSchema = quenchTebdDef;

const quenchDef = Type.Object(
  {
    kind: Type.Literal("quench"),
    L: size("number of sites L ≥ 2 (even)"),
    J: num("exchange coupling J (MODELS §1)"),
    delta: deltaSchema,
    fields: Type.Optional(numArray("per-site fields h_i, L numbers, default zeros")),
    initial: Type.Union([Type.Literal("domain-wall"), Type.Literal("split-ground-state")], {
      description: "initial state: domain-wall or split-ground-state |Ψ1⟩ (MODELS §7)",
    }),
    times: numArray("output times t ≥ 0, non-decreasing", Type.Number({ minimum: 0 })),
    method: Type.Optional(lindbladMethod),
    tebd: Type.Optional(quenchTebdDef),
  },
  { ...strict, description: "Unitary quench of the XXZ chain (CONTRACT `quench`, MODELS §7)." },
);
/** `kind = "quench"`: unitary dynamics of the XXZ chain (MODELS §7).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { quenchSchema } from "nessref";
 * Value.Check(quenchSchema, { kind: "quench", L: 4, J: 1, delta: 0, initial: "domain-wall", times: [0, 1] }); // true
 * ```
 */
export const quenchSchema: TSchema = quenchDef;

const resistorNetworkDef = Type.Object(
  {
    kind: Type.Literal("resistor-network"),
    dim: Type.Union([Type.Literal(1), Type.Literal(2)], { description: "dimension d = 1 or 2" }),
    mode: Type.Union([Type.Literal("thermal"), Type.Literal("charge"), Type.Literal("spreading")], { description: "thermal, charge or spreading (MODELS §4)" }),
    N: size("number of islands (per side in 2D)"),
    a: pos("minimal link length a > 0"),
    xi: pos("length scale ξ > 0 of the link-length distribution"),
    epsilon: Type.Optional(nonNeg("bath coupling ε ≥ 0")),
    kappa0: Type.Optional(nonNeg("κ0 ≥ 0 of Γ = εκ0/ℓ^{2−d} + Γ0 e^{−ℓ/a}")),
    Gamma0: nonNeg("Γ0 ≥ 0 itself (not aΓ0); Γ̃0 in charge mode"),
    T0: Type.Optional(num("bath temperature T0")),
    theta: Type.Optional(num("source strength θ")),
    dg1: Type.Optional(nonNeg("disorder δg1 ≥ 0 of g1")),
    dg2: Type.Optional(nonNeg("disorder δg2 ≥ 0 of g2")),
    V: Type.Optional(num("voltage V (charge mode)")),
    sigma0: Type.Optional(nonNeg("σ0 ≥ 0 (charge mode)")),
    times: Type.Optional(numArray("times t ≥ 0 (spreading mode)", Type.Number({ minimum: 0 }))),
    x0: Type.Optional(Type.Integer({ description: "1-based initial island (spreading mode)" })),
    seed: Type.Optional(seed("seed of the library's generator for the disorder")),
    realizations: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: "number of disorder realizations ≥ 1" })),
    lengths: Type.Optional(numArray("explicit link lengths ℓ ≥ a (1D)")),
    lengthsH: Type.Optional(numArray("explicit horizontal link lengths, N×(N−1) row-major (2D)")),
    lengthsV: Type.Optional(numArray("explicit vertical link lengths, (N−1)×N row-major (2D)")),
    g1: Type.Optional(numArray("explicit g1 per island (thermal mode)")),
    g2: Type.Optional(numArray("explicit g2 per island (thermal mode)")),
  },
  { ...strict, description: "Random resistor network (CONTRACT `resistor-network`, MODELS §4)." },
);
/** `kind = "resistor-network"`: the random resistor networks of MODELS §4.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { resistorNetworkSchema } from "nessref";
 * Value.Check(resistorNetworkSchema, { kind: "resistor-network", dim: 1, mode: "charge", N: 100, a: 1, xi: 2,
 *   epsilon: 0.01, Gamma0: 5, V: 10, sigma0: 1, seed: 7 }); // true
 * ```
 */
export const resistorNetworkSchema: TSchema = resistorNetworkDef;

const drudeDef = Type.Object(
  {
    kind: Type.Literal("drude"),
    L: Type.Integer({ minimum: 3, description: "ring length L ≥ 3" }),
    J: num("exchange coupling J"),
    delta: num("anisotropy Δ"),
    current: Type.Union([Type.Literal("spin"), Type.Literal("energy")], { description: "spin or energy current" }),
  },
  { ...strict, description: "Drude weight of the periodic XXZ chain at infinite temperature (CONTRACT `drude`, MODELS §8)." },
);
/** `kind = "drude"`: infinite-temperature Drude weights of the periodic XXZ chain (MODELS §8).
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { drudeSchema } from "nessref";
 * Value.Check(drudeSchema, { kind: "drude", L: 10, J: 1, delta: 0.5, current: "spin" }); // true
 * ```
 */
export const drudeSchema: TSchema = drudeDef;

const problemDef = Type.Union(
  [lindbladNessDef, redfieldRingDef, harmonicChainDef, quenchDef, resistorNetworkDef, drudeDef],
  { $id: "https://nessref/problem.schema.json", description: "A nessref problem (CONTRACT.md), keyed by `kind`." },
);
/** Every problem of the contract: a union keyed by `kind`.
 *
 * @example
 * ```ts
 * import { Value } from "@sinclair/typebox/value";
 * import { problemSchema } from "nessref";
 * Value.Check(problemSchema, { kind: "drude", L: 10, J: 1, delta: 0.5, current: "spin" }); // true
 * ```
 */
export const problemSchema: TSchema = problemDef;

/**
 * A `lindblad-ness` problem.
 *
 * @example
 * ```ts
 * import type { LindbladNessProblem } from "nessref";
 * const p: LindbladNessProblem = { kind: "lindblad-ness",
 *   hamiltonian: { type: "xxz", L: 4, J: 1, delta: 1 }, baths: [{ type: "dephasing", rate: 0.1 }] };
 * ```
 */
export type LindbladNessProblem = Static<typeof lindbladNessDef>;
/**
 * A `redfield-ring` problem.
 *
 * @example
 * ```ts
 * import type { RedfieldRingProblem } from "nessref";
 * const p: RedfieldRingProblem = { kind: "redfield-ring", J: 1, delta: 2.19, h2: 2, h3: 1,
 *   TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 3 };
 * ```
 */
export type RedfieldRingProblem = Static<typeof redfieldRingDef>;
/**
 * A `harmonic-chain` problem.
 *
 * @example
 * ```ts
 * import type { HarmonicChainProblem } from "nessref";
 * const p: HarmonicChainProblem = { kind: "harmonic-chain", potentials: [1, 1.5, 1.2], g: 0.1,
 *   lambda: 0.5, baths: [{ site: 1, T: 1 }, { site: 3, T: 2 }] };
 * ```
 */
export type HarmonicChainProblem = Static<typeof harmonicChainDef>;
/**
 * A `quench` problem.
 *
 * @example
 * ```ts
 * import type { QuenchProblem } from "nessref";
 * const p: QuenchProblem = { kind: "quench", L: 4, J: 1, delta: 0, initial: "domain-wall", times: [0, 1] };
 * ```
 */
export type QuenchProblem = Static<typeof quenchDef>;
/**
 * A `resistor-network` problem.
 *
 * @example
 * ```ts
 * import type { ResistorNetworkProblem } from "nessref";
 * const p: ResistorNetworkProblem = { kind: "resistor-network", dim: 1, mode: "spreading", N: 50, a: 1, xi: 2,
 *   Gamma0: 5, times: [0, 10], x0: 25, seed: 1 };
 * ```
 */
export type ResistorNetworkProblem = Static<typeof resistorNetworkDef>;
/**
 * A `drude` problem.
 *
 * @example
 * ```ts
 * import type { DrudeProblem } from "nessref";
 * const p: DrudeProblem = { kind: "drude", L: 10, J: 1, delta: 0.5, current: "energy" };
 * ```
 */
export type DrudeProblem = Static<typeof drudeDef>;
/**
 * Any problem of the contract.
 *
 * @example
 * ```ts
 * import type { Problem } from "nessref";
 * const p: Problem = { kind: "drude", L: 10, J: 1, delta: 0.5, current: "spin" };
 * ```
 */
export type Problem =
  | LindbladNessProblem
  | RedfieldRingProblem
  | HarmonicChainProblem
  | QuenchProblem
  | ResistorNetworkProblem
  | DrudeProblem;
/**
 * The `kind` of a problem.
 *
 * @example
 * ```ts
 * import type { ProblemKind } from "nessref";
 * const k: ProblemKind = "quench";
 * ```
 */
export type ProblemKind = Problem["kind"];

/**
 * The kinds of the contract, in CONTRACT.md order.
 *
 * @example
 * ```ts
 * import { KINDS } from "nessref";
 * KINDS.includes("drude"); // true
 * ```
 */
export const KINDS: readonly ProblemKind[] = [
  "lindblad-ness",
  "redfield-ring",
  "harmonic-chain",
  "quench",
  "resistor-network",
  "drude",
];

const byKind: Record<ProblemKind, TSchema> = {
  "lindblad-ness": lindbladNessDef,
  "redfield-ring": redfieldRingDef,
  "harmonic-chain": harmonicChainDef,
  quench: quenchDef,
  "resistor-network": resistorNetworkDef,
  drude: drudeDef,
};

/**
 * `true` when `kind` names a kind of the contract.
 *
 * @param kind - any value
 *
 * @example
 * ```ts
 * import { isKind } from "nessref";
 * isKind("quench"); // true
 * isKind("ising"); // false
 * ```
 */
export function isKind(kind: unknown): kind is ProblemKind {
  return typeof kind === "string" && Object.prototype.hasOwnProperty.call(byKind, kind);
}

/**
 * The JSON Schema (TypeBox) of one kind, or `undefined` for a name that is not a kind.
 *
 * @param kind - a kind name
 *
 * @example
 * ```ts
 * import { schemaFor } from "nessref";
 * JSON.stringify(schemaFor("drude")); // the JSON Schema of a drude problem
 * ```
 */
export function schemaFor(kind: string): TSchema | undefined {
  return isKind(kind) ? byKind[kind] : undefined;
}
