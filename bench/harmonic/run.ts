/**
 * Harmonic-chain benchmark (MODELS §5, CONVENTIONS §5): two measurements, each timed side by side
 * with SciPy in one run (CONVENTIONS §2).
 *
 * (a) Ensemble of λ → 0 profiles ([P1] eq. (2.9)): `--realizations` (default 1000) disorder
 *     realizations of the chain L = `--L` (default 100), g = 0.1, V_x uniform in [1, 2], baths
 *     (site 1, T = 1) and (site L, T = 2), seed `--seed` (default 1):
 *       T(x) = Σ_k ψ_k(x)² Σ_b α_kb T_b,  α_kb = ψ_k(b)²/Σ_c ψ_k(c)²,  H = V − gΔ tridiagonal.
 *     Ours: `harmonicEnsemble({ L, g, vMin, vMax, T1, TL, lambda: 0, realizations, seed, workers })`
 *     (src/analysis/harmonic.ts) with `workers` = `--workers` (default `auto`: no option, the
 *     library's own choice, as a user calls it — the target row), with `workers: 2` (the worker
 *     pool, thread start-up included in every timed call) and `workers: 0` (in-process); each
 *     in a fresh child node process, one untimed warm-up call (the same call), then the median of
 *     `--repeats` (default 5) timed calls.
 *     Peer: the same potentials — realization r is `uniformPotentials(realizationRng(seed, r), L,
 *     1, 2)`, exactly what the library's task draws — written by this script to
 *     bench/out/harmonic/ensemble.json; `scipy_peer.py ensemble` runs, per realization,
 *     `scipy.linalg.eigh_tridiagonal(d, e)` and eq. (2.9) vectorized in NumPy, in one Python loop
 *     (untimed warm-up on the first 10 realizations, median of the same number of repeats).
 *     Accuracy: max |T_ours − T_SciPy| over all realizations and sites, its median over
 *     realizations, the sites where they agree to 1e-10; and both codes against an mpmath
 *     reference (`mp.eigsy` at `--mp-dps`, default 50 and 70 digits) of realization
 *     `--mp-check` (default 0; `--no-mp-check` skips it). Not a pass/fail criterion: where a mode
 *     is localized away from both baths, LAPACK's eigenvector has only absolute accuracy ε at the
 *     bath sites (its true weight there is ≈ 10⁻⁵⁵), so SciPy's α_kb is rounding noise — or 0/0,
 *     which the peer replaces by α_kb = 1/(number of baths) and counts.
 *
 * (b) One Lyapunov NESS at L = `--ness-L` (default 200; a 2L×2L = 400×400 problem), g = 1,
 *     λ = 0.5, baths (1, T = 1), (L, T = 2). Ours: `harmonicNess(sys, baths, λ, { method:
 *     "lyapunov" })` (src/exact/harmonic.ts; includes the library's eigenvalues of A for its
 *     forward-error bound and its residual), and as extra rows without a target the spectral road
 *     (`method: "spectral"`) and `realLyapunov(A, noise)` alone (the Bartels–Stewart kernel of
 *     src/linalg/sylvester.ts, no bound and no residual); each in a fresh child, one untimed
 *     warm-up, median of `--ness-repeats` (default 5). Peer: `scipy_peer.py ness` —
 *     `scipy.linalg.solve_continuous_lyapunov(A, −noise)` on A, noise = `langevinMatrices(sys,
 *     baths, λ)` written by this script to bench/out/harmonic/ness-<problem>.json (untimed
 *     warm-up solve, median of the same repeats). Problems (the Lyapunov road refuses when
 *     ε‖A‖_F/(2 min|Re E|) > 1e-7, so a localized chain such as g = 0.1 cannot be the target):
 *       weak-disorder   V_x uniform in [1, 1 + `--ness-w`] (default 0.01) from createRng(seed):
 *                       accepted by both of our roads — the target problem;
 *       ordered         V_x = 1.5: accepted by the Lyapunov road; the spectral road refuses it
 *                       (`no-convergence`: two QEP roots coincide to ~1e-15 — NumPy's eigvals
 *                       of the same A agree, so the refusal is genuine);
 *       disorder-0.2    V_x uniform in [1, 1.2]: refused by our Lyapunov road (bound 0.4–0.6),
 *                       solved by our spectral road; SciPy answers without a warning. Shown for
 *                       the accuracy comparison, no target.
 *     Accuracy: max_x |T_ours(x) − T_SciPy(x)|/T_SciPy(x), next to ε·‖A‖_F/(2 min|Re E|).
 *
 * Peer environment only: OPENBLAS_CORETYPE = `--peer-coretype` (default Nehalem; "unset" removes
 * it), OPENBLAS_L2_SIZE removed. Debian's OpenBLAS 0.3.21 segfaults on this machine in
 * SciPy's Lyapunov solver for larger complex problems with the auto-detected kernels
 * (bench/free-fermion/README.md); the problems here are real, so it is only a precaution.
 *
 * Targets of the issue (printed as PASS / FAIL): the ensemble faster than SciPy (ours with the
 * worker pool / SciPy < 1); the Lyapunov solve within 3× of SciPy (`harmonicNess` Lyapunov road
 * / SciPy ≤ 3, on every problem it accepts).
 *
 * Usage: node dist/bench/harmonic/run.js [--realizations 1000] [--L 100] [--seed 1]
 *        [--workers auto|N] [--repeats 5] [--ness-L 200] [--ness-w 0.01] [--ness-repeats 5]
 *        [--no-peer] [--no-mp-check] [--mp-check 0] [--mp-dps 50,70]
 *        [--peer-coretype Nehalem] [--peer-timeout 900] [--ours-timeout 900]
 *
 * Output: Markdown tables on stdout (also bench/out/harmonic.md), everything to
 * bench/out/harmonic.json; problems and profiles in bench/out/harmonic/.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRng, harmonicEnsemble, realizationRng, uniformPotentials } from "../../src/analysis/index.js";
import { harmonicNess, harmonicWeakCoupling, langevinMatrices, type LangevinBath } from "../../src/exact/harmonic.js";
import { realLyapunov } from "../../src/linalg/sylvester.js";
import { failure, lastJsonLine, run, type Run } from "../common/child.js";
import { gitState, killChildOnSignals, peerEnvironment, peerStopReason } from "../common/context.js";

const EPS = 2.220446049250313e-16;
/** Ensemble parameters of the issue. */
const ENS = { g: 0.1, vMin: 1, vMax: 2, T1: 1, TL: 2 };
/** NESS parameters (a well-conditioned chain, see the module doc). */
const NESS = { g: 1, lambda: 0.5, T1: 1, TL: 2, ordered: 1.5, wide: 0.2 };
const ENSEMBLE_TARGET = 1;
const LYAPUNOV_TARGET = 3;
const AGREE = 1e-10;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
};

// ---------------------------------------------------------------------------------------------
// problems

/** The ensemble problem file: parameters and the potentials of every realization. */
interface EnsembleProblem {
  L: number;
  g: number;
  vMin: number;
  vMax: number;
  T1: number;
  TL: number;
  seed: number;
  realizations: number;
  baths: LangevinBath[];
  /** potentials[r][x] = V_{x+1} of realization r, drawn as the library's ensemble task does */
  potentials: number[][];
}

function ensembleProblem(L: number, realizations: number, seed: number): EnsembleProblem {
  const potentials: number[][] = [];
  for (let r = 0; r < realizations; r++) potentials.push(Array.from(uniformPotentials(realizationRng(seed, r), L, ENS.vMin, ENS.vMax)));
  return { L, ...ENS, seed, realizations, baths: [{ site: 1, T: ENS.T1 }, { site: L, T: ENS.TL }], potentials };
}

type NessTag = "weak-disorder" | "ordered" | "disorder-0.2";

/** A NESS problem file: the chain and the matrices A, noise (row-major 2L×2L) the peer solves. */
interface NessProblem {
  tag: NessTag;
  description: string;
  L: number;
  g: number;
  lambda: number;
  baths: LangevinBath[];
  potentials: number[];
  /** A of [P1] eq. (2.5), row-major, (2L)² entries */
  A: number[];
  /** S Sᵀ, row-major */
  noise: number[];
}

function nessProblem(tag: NessTag, L: number, w: number, seed: number): NessProblem {
  const V = tag === "ordered" ? new Float64Array(L).fill(NESS.ordered) : uniformPotentials(createRng(seed), L, 1, 1 + (tag === "weak-disorder" ? w : NESS.wide));
  const description =
    tag === "ordered" ? `ordered chain, V = ${NESS.ordered}` : `V uniform in [1, ${1 + (tag === "weak-disorder" ? w : NESS.wide)}] (createRng(${seed}))`;
  const baths: LangevinBath[] = [{ site: 1, T: NESS.T1 }, { site: L, T: NESS.TL }];
  const { A, noise } = langevinMatrices({ potentials: V, g: NESS.g }, baths, NESS.lambda);
  return { tag, description, L, g: NESS.g, lambda: NESS.lambda, baths, potentials: Array.from(V), A: Array.from(A.data), noise: Array.from(noise.data) };
}

// ---------------------------------------------------------------------------------------------
// children: one road in a fresh process

const LIBRARY_FILES = [
  "src/analysis/harmonic.js", "src/analysis/harmonicTasks.js", "src/analysis/ensemble.js", "src/exact/harmonic.js",
  "src/exact/harmonicModes.js", "src/linalg/tridiag.js", "src/linalg/schur.js", "src/linalg/sylvester.js", "src/linalg/dense.js",
];

/** Fingerprint of the compiled library next to this script (dist/bench/harmonic/run.js → dist/src/…). */
function buildFingerprint(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const h = createHash("sha256");
  for (const f of LIBRARY_FILES) {
    const p = join(root, f);
    h.update(f + "\0" + (existsSync(p) ? readFileSync(p) : "missing") + "\0");
  }
  return h.digest("hex").slice(0, 12);
}

interface ChildError {
  code: string;
  message: string;
  afterSeconds: number;
}

/** What an ensemble child prints (one JSON line). */
interface EnsembleChildOut {
  workers: number;
  seconds: number;
  all: number[];
  /** process CPU time (all threads) of each timed call, s */
  cpu: number[];
  warmupSeconds: number;
  failures: number;
  maxRssKB: number;
  build: string;
}

/**
 * Ensemble child: one untimed warm-up call, then `repeats` timed calls of harmonicEnsemble; the
 * profiles of the last call go to `outFile` (raw float64, realization-major; NaN rows for refused
 * realizations).
 */
/** Row label of an ensemble setting (−1: the library's default choice). */
function workersLabel(w: number): string {
  if (w < 0) return "ours, `harmonicEnsemble`, default workers (the library's choice: in-process below ≈ 1.5 s of estimated work)";
  if (w === 0) return "ours, `harmonicEnsemble`, workers: 0 (in-process, 1 thread)";
  return `ours, \`harmonicEnsemble\`, workers: ${w} (worker pool, start-up included)`;
}

async function ensembleChild(problemFile: string, workers: number, repeats: number, outFile: string): Promise<void> {
  const build = buildFingerprint();
  const p = JSON.parse(readFileSync(problemFile, "utf8")) as EnsembleProblem;
  // workers < 0: the library's default choice (no `workers` option), as a user calls it
  const opts = { L: p.L, g: p.g, vMin: p.vMin, vMax: p.vMax, T1: p.T1, TL: p.TL, lambda: 0, realizations: p.realizations, seed: p.seed, ...(workers >= 0 ? { workers } : {}) };
  const tw = performance.now();
  await harmonicEnsemble(opts); // warm-up (JIT in this thread; for workers > 0 only the file cache: every call starts fresh threads)
  const warmupSeconds = (performance.now() - tw) / 1000;
  const all: number[] = [], cpu: number[] = [];
  let last: Awaited<ReturnType<typeof harmonicEnsemble>> | undefined;
  for (let k = 0; k < repeats; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await harmonicEnsemble(opts);
    all.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const T = new Float64Array(p.realizations * p.L).fill(NaN);
  for (const r of last!.realizations) if (r.temperature) T.set(r.temperature, r.r * p.L);
  writeFileSync(outFile, Buffer.from(T.buffer));
  const out: EnsembleChildOut = { workers, seconds: median(all), all, cpu, warmupSeconds, failures: last!.failures, maxRssKB: process.resourceUsage().maxRSS, build };
  process.stdout.write(JSON.stringify(out) + "\n");
}

type NessRoad = "lyapunov" | "spectral" | "bartels-stewart";

/** What a NESS child prints (one JSON line). */
interface NessChildOut {
  tag: NessTag;
  road: NessRoad;
  seconds: number | null;
  all: number[];
  warmupSeconds: number | null;
  temperature: number[] | null;
  residual: number | null;
  conditionEstimate: number | null;
  minDamping: number | null;
  method: string | null;
  error: ChildError | null;
  maxRssKB: number;
  build: string;
}

/** NESS child: one untimed warm-up solve on the same problem, then `repeats` timed solves. */
function nessChild(problemFile: string, road: NessRoad, repeats: number): void {
  const build = buildFingerprint();
  const p = JSON.parse(readFileSync(problemFile, "utf8")) as NessProblem;
  const sys = { potentials: Float64Array.from(p.potentials), g: p.g };
  const n = p.L, m = 2 * n;
  const { A, noise } = langevinMatrices(sys, p.baths, p.lambda); // bartels-stewart: built outside the timing
  const once = (): { T: number[]; residual: number | null; cond: number | null; minD: number | null; method: string } => {
    if (road === "bartels-stewart") {
      const C = realLyapunov(A, noise);
      return { T: Array.from({ length: n }, (_, x) => C.data[(n + x) * m + n + x]!), residual: null, cond: null, minD: null, method: "realLyapunov" };
    }
    const r = harmonicNess(sys, p.baths, p.lambda, { method: road });
    return { T: Array.from(r.temperature), residual: r.residual, cond: r.conditionEstimate, minD: r.minDamping, method: r.method };
  };
  const all: number[] = [];
  let last: ReturnType<typeof once> | undefined;
  let error: ChildError | null = null;
  let warmupSeconds: number | null = null;
  const t0 = performance.now();
  try {
    once(); // warm-up
    warmupSeconds = (performance.now() - t0) / 1000;
    for (let k = 0; k < repeats; k++) {
      const t = performance.now();
      last = once();
      all.push((performance.now() - t) / 1000);
    }
  } catch (e) {
    const err = e as { code?: string; message?: string };
    error = { code: err.code ?? "error", message: err.message ?? String(e), afterSeconds: (performance.now() - t0) / 1000 };
  }
  const ok = last !== undefined && !error;
  const out: NessChildOut = {
    tag: p.tag, road, seconds: ok ? median(all) : null, all, warmupSeconds,
    temperature: ok ? last!.T : null, residual: ok ? last!.residual : null, conditionEstimate: ok ? last!.cond : null,
    minDamping: ok ? last!.minD : null, method: ok ? last!.method : null, error, maxRssKB: process.resourceUsage().maxRSS, build,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

// ---------------------------------------------------------------------------------------------
// parent

interface Opts {
  realizations: number;
  L: number;
  seed: number;
  workers: number;
  repeats: number;
  nessL: number;
  nessW: number;
  nessRepeats: number;
  peer: boolean;
  mpCheck: number | null;
  mpDps: number[];
  peerCoretype: string;
  peerTimeout: number;
  oursTimeout: number;
}

function parseArgs(argv: string[]): Opts {
  const o: Opts = {
    realizations: 1000, L: 100, seed: 1, workers: -1, repeats: 5, nessL: 200, nessW: 0.01, nessRepeats: 5, peer: true, mpCheck: 0, mpDps: [50, 70],
    peerCoretype: "Nehalem", peerTimeout: 900, oursTimeout: 900,
  };
  const int = (s: string | undefined, name: string, min: number): number => {
    const v = Number(s);
    if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer ≥ ${min}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--realizations") o.realizations = int(argv[++i], a, 1);
    else if (a === "--L") o.L = int(argv[++i], a, 2);
    else if (a === "--seed") o.seed = int(argv[++i], a, 0);
    else if (a === "--workers") { const v = argv[++i]; o.workers = v === "auto" ? -1 : int(v, a, 1); }
    else if (a === "--repeats") o.repeats = int(argv[++i], a, 1);
    else if (a === "--ness-L") o.nessL = int(argv[++i], a, 2);
    else if (a === "--ness-w") o.nessW = Number(argv[++i]);
    else if (a === "--ness-repeats") o.nessRepeats = int(argv[++i], a, 1);
    else if (a === "--no-peer") o.peer = false;
    else if (a === "--no-mp-check") o.mpCheck = null;
    else if (a === "--mp-check") o.mpCheck = int(argv[++i], a, 0);
    else if (a === "--mp-dps") o.mpDps = String(argv[++i]).split(",").map((x) => int(x.trim(), a, 20));
    else if (a === "--peer-coretype") o.peerCoretype = String(argv[++i]);
    else if (a === "--peer-timeout") o.peerTimeout = Number(argv[++i]);
    else if (a === "--ours-timeout") o.oursTimeout = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!(o.nessW > 0 && Number.isFinite(o.nessW))) throw new Error("--ness-w must be a number > 0");
  if (o.mpCheck !== null && o.mpCheck >= o.realizations) throw new Error("--mp-check must be a realization index < --realizations");
  if (!(o.peerTimeout > 0) || !(o.oursTimeout > 0)) throw new Error("timeouts must be > 0 (seconds)");
  return o;
}


interface Versions {
  python?: string;
  numpy?: string;
  scipy?: string;
  mpmath?: string;
  blasLibrary?: string | null;
  blasConfig?: string;
  blasCore?: string;
  blasThreads?: number;
}

/** What `scipy_peer.py ensemble` prints. */
interface PeerEnsembleOut {
  seconds: number;
  all: number[];
  repeats: number;
  driver: string;
  /** modes (over all realizations) whose LAPACK bath weight Σ_b ψ_k(b)² is exactly 0 (α = 0/0, replaced by 1/#baths) */
  zeroWeightModes: number;
  /** modes with a bath weight below (Lε)², where LAPACK's absolute accuracy makes α rounding noise */
  noiseWeightModes: number;
  realizationsWithNoise: number;
  mp: { r: number; dps: number; seconds: number; T: number[] }[];
  peak_rss_mb: number;
  versions: Versions;
}

/** What `scipy_peer.py ness` prints. */
interface PeerNessOut {
  seconds: number;
  all: number[];
  repeats: number;
  warmupSeconds: number;
  temperature: number[];
  residual: number;
  asymmetry: number;
  peak_rss_mb: number;
  versions: Versions;
}

function fmtTime(s: number): string {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(s >= 0.1 ? 1 : 2)} ms`;
  return `${(s * 1e6).toFixed(0)} µs`;
}
const fmtLoad = (l: number[]): string => l.map((x) => x.toFixed(2)).join(" ");
const fmtRatio = (r: number): string => (r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toExponential(1));
const fmtRange = (xs: number[]): string => (xs.length > 1 ? `${fmtTime(Math.min(...xs))} – ${fmtTime(Math.max(...xs))}` : "—");

function findPeerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "scipy_peer.py"), resolve(here, "../../../bench/harmonic/scipy_peer.py"), resolve("bench/harmonic/scipy_peer.py")];
  return candidates.find((p) => existsSync(p));
}

function readProfiles(file: string, R: number, L: number): Float64Array {
  const b = readFileSync(file);
  if (b.byteLength !== 8 * R * L) throw new Error(`${file}: ${b.byteLength} bytes, expected ${8 * R * L}`);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** max_x |a_x − b_x| / |b_x| (NaN shows). */
function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < b.length; i++) {
    const e = Math.abs(a[i]! - b[i]!) / Math.abs(b[i]!);
    d = Number.isNaN(e) || Number.isNaN(d) ? NaN : Math.max(d, e);
  }
  return d;
}
function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < b.length; i++) {
    const e = Math.abs(a[i]! - b[i]!);
    d = Number.isNaN(e) || Number.isNaN(d) ? NaN : Math.max(d, e);
  }
  return d;
}

type Failed = { failed: string };
type Skipped = { skipped: string };

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const self = fileURLToPath(import.meta.url);
  const peerScript = findPeerScript();
  const outDir = resolve("bench/out");
  const workDir = join(outDir, "harmonic");
  mkdirSync(workDir, { recursive: true });
  const started = new Date();
  const load0 = loadavg();
  const { head: gitHead, dirty: gitDirty } = gitState();
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), availableParallelism ${availableParallelism()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  killChildOnSignals();
  const peerEnv = peerEnvironment(o.peerCoretype);
  const peerStop = peerStopReason(o.peer, peerScript, "scipy_peer.py");
  const loads: Record<string, { before: number[]; after: number[] }> = {};
  const timed = async (key: string, f: () => Promise<Run>): Promise<Run> => {
    const before = loadavg();
    const r = await f();
    loads[key] = { before, after: loadavg() };
    return r;
  };

  console.log(`node ${process.version}; ${machine}; load average at start ${fmtLoad(load0)}`);
  console.log(`peer: ${peerStop ?? `SciPy (OPENBLAS_CORETYPE=${peerEnv.OPENBLAS_CORETYPE ?? "(unset)"}, OPENBLAS_L2_SIZE unset)`}`);

  // ---- (a) ensemble
  const R = o.realizations, L = o.L;
  const ep = ensembleProblem(L, R, o.seed);
  const ensFile = join(workDir, "ensemble.json");
  writeFileSync(ensFile, JSON.stringify(ep) + "\n");
  console.log(`\n(a) ${R} realizations, L = ${L}, g = ${ENS.g}, V uniform [${ENS.vMin}, ${ENS.vMax}], baths (1, T=${ENS.T1}), (${L}, T=${ENS.TL}), λ → 0, seed ${o.seed}`);
  const ensOurs: Record<string, (EnsembleChildOut & { profiles: Float64Array }) | Failed> = {};
  const settings = [...new Set([o.workers, 2, 0])];
  for (const w of settings) {
    const key = `ensemble-workers${w}`;
    const file = join(workDir, `T-ours-workers${w}.bin`);
    process.stdout.write(`ours, harmonicEnsemble workers: ${w} ... `);
    const r = await timed(key, () => run(process.execPath, [self, "--child-ensemble", ensFile, String(w), String(o.repeats), file], process.env, o.oursTimeout));
    const co = r.status === 0 ? lastJsonLine<EnsembleChildOut>(r.stdout) : undefined;
    ensOurs[key] = co ? { ...co, profiles: readProfiles(file, R, L) } : { failed: failure(r, o.oursTimeout) };
    const x = ensOurs[key]!;
    console.log("failed" in x ? x.failed : `${fmtTime(x.seconds)} (median of ${x.all.length}; CPU ${x.cpu.map((c) => c.toFixed(2)).join(", ")} s), ${x.failures} refused`);
  }
  let ensPeer: (PeerEnsembleOut & { profiles: Float64Array }) | Failed | Skipped;
  if (peerStop) ensPeer = { skipped: peerStop };
  else {
    const file = join(workDir, "T-scipy.bin");
    process.stdout.write(`SciPy, eigh_tridiagonal loop${o.mpCheck !== null ? ` (+ untimed mpmath reference of realization ${o.mpCheck} at ${o.mpDps.join(", ")} digits)` : ""} ... `);
    const args = [peerScript!, "ensemble", ensFile, "--repeats", String(o.repeats), "--out", file];
    if (o.mpCheck !== null) args.push("--mp-check", String(o.mpCheck), "--mp-dps", o.mpDps.join(","));
    const r = await timed("ensemble-scipy", () => run("/usr/bin/python3", args, peerEnv, o.peerTimeout));
    const po = r.status === 0 ? lastJsonLine<PeerEnsembleOut>(r.stdout) : undefined;
    ensPeer = po ? { ...po, profiles: readProfiles(file, R, L) } : { failed: failure(r, o.peerTimeout) };
    console.log("failed" in ensPeer ? ensPeer.failed : `${fmtTime(ensPeer.seconds)} (median of ${ensPeer.repeats})`);
  }

  // untimed: diagnostics of our λ → 0 road on the same potentials, and a check that the ensemble
  // child solved exactly these potentials (bitwise equal profiles)
  const minW: number[] = [];
  let ddModes = 0, weightErr = 0, sameAsDirect = 0;
  const direct = new Float64Array(R * L);
  for (let r = 0; r < R; r++) {
    const wc = harmonicWeakCoupling({ potentials: ep.potentials[r]!, g: ep.g }, ep.baths);
    direct.set(wc.temperature, r * L);
    minW.push(wc.minBathWeight);
    ddModes += wc.doubleDoubleModes;
    weightErr = Math.max(weightErr, wc.weightErrorEstimate);
  }
  const oursMain = ensOurs[`ensemble-workers${o.workers}`]!;
  if (!("failed" in oursMain)) for (let i = 0; i < R * L; i++) if (Object.is(oursMain.profiles[i], direct[i])) sameAsDirect++;

  // comparison with SciPy
  interface EnsCompare {
    worst: number;
    worstAt: { r: number; x: number };
    medianRealization: number;
    fractionWithin: number;
    /** per site: max over realizations of |ΔT| */
    perSite: number[];
    /** sites 1..k and L−k'+1..L where max over realizations |ΔT| ≤ AGREE */
    agreeEnds: { left: number; right: number };
    workersIdentical: boolean;
  }
  let ensCmp: EnsCompare | null = null;
  const ours0 = ensOurs["ensemble-workers0"]!;
  if (!("failed" in oursMain) && "profiles" in ensPeer) {
    const Tp = ensPeer.profiles, To = oursMain.profiles;
    let worst = 0, at = { r: -1, x: -1 }, within = 0;
    const perReal: number[] = [], perSite = new Array<number>(L).fill(0);
    for (let r = 0; r < R; r++) {
      let m = 0;
      for (let x = 0; x < L; x++) {
        const d = Math.abs(To[r * L + x]! - Tp[r * L + x]!);
        const dd = Number.isNaN(d) ? Infinity : d;
        if (dd <= AGREE) within++;
        if (dd > m) m = dd;
        if (dd > perSite[x]!) perSite[x] = dd;
        if (dd > worst) { worst = dd; at = { r, x: x + 1 }; }
      }
      perReal.push(m);
    }
    let left = 0, right = 0;
    while (left < L && perSite[left]! <= AGREE) left++;
    while (right < L && perSite[L - 1 - right]! <= AGREE) right++;
    // every setting (default, pool, in-process) must give the same bits
    let identical = !("failed" in ours0);
    for (const w of settings) {
      const x = ensOurs[`ensemble-workers${w}`]!;
      if ("failed" in x || "failed" in ours0) { identical = false; continue; }
      for (let i = 0; i < R * L; i++) if (!Object.is(ours0.profiles[i], x.profiles[i])) { identical = false; break; }
    }
    ensCmp = { worst, worstAt: at, medianRealization: median(perReal), fractionWithin: within / (R * L), perSite, agreeEnds: { left, right }, workersIdentical: identical };
  }
  // mpmath reference of one realization
  const mpRows: { dps: number; oursVsMp: number; scipyVsMp: number; mpVsTop: number | null }[] = [];
  if ("mp" in ensPeer && ensPeer.mp.length && !("failed" in oursMain)) {
    const top = ensPeer.mp.reduce((a, b) => (b.dps > a.dps ? b : a));
    const r = top.r;
    const To = oursMain.profiles.subarray(r * L, (r + 1) * L), Tp = ensPeer.profiles.subarray(r * L, (r + 1) * L);
    for (const m of ensPeer.mp) mpRows.push({ dps: m.dps, oursVsMp: maxAbs(To, m.T), scipyVsMp: maxAbs(Tp, m.T), mpVsTop: m === top ? null : maxAbs(m.T, top.T) });
  }

  // ---- (b) NESS
  const nL = o.nessL;
  console.log(`\n(b) NESS, L = ${nL} (${2 * nL}×${2 * nL}), g = ${NESS.g}, λ = ${NESS.lambda}, baths (1, T=${NESS.T1}), (${nL}, T=${NESS.TL})`);
  const tags: NessTag[] = ["weak-disorder", "ordered", "disorder-0.2"];
  const roads: NessRoad[] = ["lyapunov", "spectral", "bartels-stewart"];
  interface NessRow {
    tag: NessTag;
    description: string;
    road: NessRoad;
    ours: NessChildOut | Failed;
    ratio: number | null;
    vsPeer: number | null;
  }
  const nessRows: NessRow[] = [];
  const nessPeers: Record<string, PeerNessOut | Failed | Skipped> = {};
  const bounds: Record<string, { cond: number; minD: number } | null> = {};
  const twoRoads: Record<string, number> = {};
  for (const tag of tags) {
    const np = nessProblem(tag, nL, o.nessW, o.seed);
    const file = join(workDir, `ness-${tag}.json`);
    writeFileSync(file, JSON.stringify(np) + "\n");
    const rowsHere: NessRow[] = [];
    for (const road of roads) {
      process.stdout.write(`${tag} (${np.description}), ours ${road} ... `);
      const r = await timed(`ness-${tag}-${road}`, () => run(process.execPath, [self, "--child-ness", file, road, String(o.nessRepeats)], process.env, o.oursTimeout));
      const co = r.status === 0 ? lastJsonLine<NessChildOut>(r.stdout) : undefined;
      const ours: NessChildOut | Failed = co ?? { failed: failure(r, o.oursTimeout) };
      if ("failed" in ours) console.log(ours.failed);
      else if (ours.error) console.log(`refused: ${ours.error.code} (${ours.error.message.slice(0, 120)}…)`);
      else console.log(`${fmtTime(ours.seconds!)} (median of ${ours.all.length})${ours.residual !== null ? `, residual ${ours.residual.toExponential(1)}` : ""}`);
      const row: NessRow = { tag, description: np.description, road, ours, ratio: null, vsPeer: null };
      rowsHere.push(row);
      nessRows.push(row);
    }
    let peer: PeerNessOut | Failed | Skipped;
    if (peerStop) peer = { skipped: peerStop };
    else {
      process.stdout.write(`${tag}, SciPy solve_continuous_lyapunov ... `);
      const r = await timed(`ness-${tag}-scipy`, () => run("/usr/bin/python3", [peerScript!, "ness", file, "--repeats", String(o.nessRepeats)], peerEnv, o.peerTimeout));
      const po = r.status === 0 ? lastJsonLine<PeerNessOut>(r.stdout) : undefined;
      peer = po ?? { failed: failure(r, o.peerTimeout) };
      console.log("failed" in peer ? peer.failed : `${fmtTime(peer.seconds)} (median of ${peer.repeats}), residual ${peer.residual.toExponential(1)}`);
    }
    nessPeers[tag] = peer;
    for (const row of rowsHere) {
      if ("failed" in row.ours || row.ours.error || !("temperature" in peer)) continue;
      row.ratio = row.ours.seconds! / peer.seconds;
      row.vsPeer = maxRel(row.ours.temperature!, peer.temperature);
    }
    // the bound ε‖A‖_F/(2 min|Re E|): from whichever of our library roads solved it
    const withBound = rowsHere.find((x) => !("failed" in x.ours) && !x.ours.error && x.ours.conditionEstimate !== null);
    bounds[tag] = withBound ? { cond: (withBound.ours as NessChildOut).conditionEstimate!, minD: (withBound.ours as NessChildOut).minDamping! } : null;
    const ly = rowsHere.find((x) => x.road === "lyapunov"), sp = rowsHere.find((x) => x.road === "spectral");
    const T = (x: NessRow | undefined) => (x && !("failed" in x.ours) && !x.ours.error ? x.ours.temperature : null);
    if (T(ly) && T(sp)) twoRoads[tag] = maxRel(T(sp)!, T(ly)!);
  }
  const load1 = loadavg();

  // ---- tables
  const peerCell = (p: { seconds: number } | Failed | Skipped): string => ("seconds" in p ? fmtTime(p.seconds) : `— (${"failed" in p ? p.failed : p.skipped})`);
  const eHead = ["road", "time (median)", "runs", "range", "CPU (all threads, median)", "first call, fresh process (untimed warm-up)", "ours / SciPy"];
  const eLines = [`| ${eHead.join(" | ")} |`, `|${eHead.map(() => "---").join("|")}|`];
  for (const w of settings) {
    const x = ensOurs[`ensemble-workers${w}`]!;
    const name = workersLabel(w);
    if ("failed" in x) eLines.push(`| ${name} | — (${x.failed}) | — | — | — | — | — |`);
    else eLines.push(`| ${name} | ${fmtTime(x.seconds)} | ${x.all.length} | ${fmtRange(x.all)} | ${median(x.cpu).toFixed(2)} s | ${fmtTime(x.warmupSeconds)} | ${"seconds" in ensPeer ? fmtRatio(x.seconds / ensPeer.seconds) : "—"} |`);
  }
  eLines.push(`| SciPy, \`eigh_tridiagonal\` + eq. (2.9) in NumPy, Python loop | ${peerCell(ensPeer)} | ${"seconds" in ensPeer ? ensPeer.repeats : "—"} | ${"all" in ensPeer ? fmtRange(ensPeer.all) : "—"} | — | — | — |`);
  const ensTable = eLines.join("\n");

  const nHead = ["problem", "road", "ours", "runs", "SciPy", "ours / SciPy", "max\\|ΔT\\|/T vs SciPy", "ε‖A‖_F/(2 min\\|Re E\\|)", "residual ours", "residual SciPy"];
  const nLines = [`| ${nHead.join(" | ")} |`, `|${nHead.map(() => "---").join("|")}|`];
  const roadName: Record<NessRoad, string> = {
    lyapunov: "`harmonicNess` lyapunov",
    spectral: "`harmonicNess` spectral (extra)",
    "bartels-stewart": "`realLyapunov` alone (extra)",
  };
  for (const r of nessRows) {
    const p = nessPeers[r.tag]!;
    const b = bounds[r.tag];
    const od = "failed" in r.ours ? null : r.ours;
    const cell = !od ? `— (${(r.ours as Failed).failed})` : od.error ? `refused: \`${od.error.code}\`` : fmtTime(od.seconds!);
    nLines.push(
      `| ${[
        `${r.tag}: ${r.description}`,
        roadName[r.road],
        cell,
        od && !od.error ? String(od.all.length) : "—",
        peerCell(p),
        r.ratio !== null ? fmtRatio(r.ratio) : "—",
        r.vsPeer !== null ? r.vsPeer.toExponential(1) : "—",
        b ? (EPS * b.cond).toExponential(1) : "—",
        od && !od.error && od.residual !== null ? od.residual.toExponential(1) : "—",
        "residual" in p ? p.residual.toExponential(1) : "—",
      ].join(" | ")} |`,
    );
  }
  const nessTable = nLines.join("\n");

  // ---- verdicts
  const verdicts: string[] = [];
  const om = ensOurs[`ensemble-workers${o.workers}`]!;
  if ("failed" in om || !("seconds" in ensPeer)) verdicts.push(`NOT MEASURED: ensemble faster than SciPy (${"failed" in om ? `ours ${om.failed}` : "no SciPy time"})`);
  else {
    const ratio = om.seconds / ensPeer.seconds;
    verdicts.push(`${ratio < ENSEMBLE_TARGET ? "PASS" : "FAIL"}: ensemble (${workersLabel(o.workers)}) faster than SciPy: ours / SciPy = ${fmtRatio(ratio)} (ours ${fmtTime(om.seconds)}, SciPy ${fmtTime(ensPeer.seconds)}; target < ${ENSEMBLE_TARGET})`);
    const o2 = ensOurs["ensemble-workers2"];
    if (o.workers !== 2 && o2 && !("failed" in o2)) {
      const r2 = o2.seconds / ensPeer.seconds;
      verdicts.push(`${r2 < ENSEMBLE_TARGET ? "PASS" : "FAIL"} (reported): ensemble on a two-thread pool (workers: 2): ours / SciPy = ${fmtRatio(r2)} (ours ${fmtTime(o2.seconds)})`);
    }
    if (!("failed" in ours0)) {
      const r0 = ours0.seconds / ensPeer.seconds;
      verdicts.push(`${r0 < ENSEMBLE_TARGET ? "PASS" : "FAIL"} (reported): ensemble in-process (workers: 0): ours / SciPy = ${fmtRatio(r0)} (ours ${fmtTime(ours0.seconds)})`);
    }
  }
  for (const r of nessRows.filter((x) => x.road === "lyapunov")) {
    const od = "failed" in r.ours ? null : r.ours;
    if (od && od.error) verdicts.push(`NO TARGET: Lyapunov road, ${r.tag}: refused by ours (\`${od.error.code}\`), as designed; SciPy ${peerCell(nessPeers[r.tag]!)}`);
    else if (r.ratio === null) verdicts.push(`NOT MEASURED: Lyapunov road within ${LYAPUNOV_TARGET}× of SciPy, ${r.tag} (${!od ? (r.ours as Failed).failed : "no SciPy result"})`);
    else verdicts.push(`${r.ratio <= LYAPUNOV_TARGET ? "PASS" : "FAIL"}: Lyapunov road within ${LYAPUNOV_TARGET}× of SciPy, ${r.tag}: ours / SciPy = ${fmtRatio(r.ratio)} (ours ${fmtTime(od!.seconds!)}, SciPy ${fmtTime((nessPeers[r.tag] as PeerNessOut).seconds)}); temperatures agree to ${r.vsPeer!.toExponential(1)} relative`);
    // the kernel alone, reported next to it (not the target: harmonicNess is what a user calls)
    const k = nessRows.find((x) => x.tag === r.tag && x.road === "bartels-stewart");
    if (k && k.ratio !== null) verdicts.push(`${k.ratio <= LYAPUNOV_TARGET ? "PASS" : "FAIL"} (reported, kernel only): \`realLyapunov\` alone within ${LYAPUNOV_TARGET}× of SciPy, ${r.tag}: ${fmtRatio(k.ratio)} (${fmtTime((k.ours as NessChildOut).seconds!)})`);
  }

  const notes: string[] = [];
  if (ensCmp) {
    notes.push(
      `- Ensemble accuracy, ours vs SciPy over ${R} realizations × ${L} sites: worst |ΔT| = ${ensCmp.worst.toExponential(2)} (realization ${ensCmp.worstAt.r}, site ${ensCmp.worstAt.x}); median over realizations of max_x |ΔT| = ${ensCmp.medianRealization.toExponential(2)}; ${(100 * ensCmp.fractionWithin).toFixed(1)} % of (realization, site) pairs agree to ${AGREE}; every realization agrees to ${AGREE} on sites 1..${ensCmp.agreeEnds.left} and ${L - ensCmp.agreeEnds.right + 1}..${L} (per-site worst in the JSON). Expected ≲ ${AGREE}: ${ensCmp.worst <= AGREE ? "met" : "NOT met in the middle of the chain (SciPy's side, see below)"}.`,
    );
    notes.push(`- Our profiles with ${settings.map((w) => (w < 0 ? "the default workers" : `workers: ${w}`)).join(", ")} are ${ensCmp.workersIdentical ? "bitwise identical" : "NOT identical (unexpected)"}; ${sameAsDirect} of ${R * L} entries bitwise equal to \`harmonicWeakCoupling\` called here on the potentials written for the peer (so both codes solved the same chains).`);
  }
  if ("zeroWeightModes" in ensPeer) {
    notes.push(
      `- SciPy's weights: ${ensPeer.noiseWeightModes} of ${R * L} modes (in ${ensPeer.realizationsWithNoise} realizations) have a LAPACK bath weight Σ_b ψ_k(b)² below (Lε)² = ${((L * EPS) ** 2).toExponential(1)}, i.e. α_kb is rounding noise; ${ensPeer.zeroWeightModes} of them are exactly 0 at both baths (0/0, replaced by α = 1/2 and counted). Our road's smallest bath weight per realization: median ${median(minW).toExponential(1)}, range [${Math.min(...minW).toExponential(1)}, ${Math.max(...minW).toExponential(1)}]; its a-posteriori weight-error estimate ≤ ${weightErr.toExponential(1)}; ${ddModes} modes re-solved in double-double over the ensemble. eigh_tridiagonal driver: ${ensPeer.driver}.`,
    );
  }
  if (mpRows.length) {
    const top = Math.max(...mpRows.map((m) => m.dps));
    notes.push(
      `- mpmath reference (mp.eigsy + eq. (2.9)) of realization ${o.mpCheck}: ` +
        mpRows.map((m) => `${m.dps} digits: max |T_ours − T_mp| = ${m.oursVsMp.toExponential(1)}, max |T_SciPy − T_mp| = ${m.scipyVsMp.toExponential(1)}${m.mpVsTop !== null ? `, vs ${top} digits ${m.mpVsTop.toExponential(1)}` : ""}`).join("; ") + ".",
    );
  }
  for (const tag of tags) {
    const b = bounds[tag];
    const p = nessPeers[tag]!;
    const bits = [`- ${tag}:`];
    if (b) bits.push(`min|Re E| = ${b.minD.toExponential(2)}, ‖A‖_F/(2 min|Re E|) = ${b.cond.toExponential(2)}, forward-error bound ε·that = ${(EPS * b.cond).toExponential(1)} (the Lyapunov road accepts ≤ 1e-7).`);
    if (twoRoads[tag] !== undefined) bits.push(`Our two roads agree to ${twoRoads[tag]!.toExponential(1)} (max relative ΔT).`);
    for (const r of nessRows.filter((x) => x.tag === tag && !("failed" in x.ours) && x.ours.error)) {
      const od = r.ours as NessChildOut;
      bits.push(`Ours ${r.road} refused (\`${od.error!.code}\`: ${od.error!.message})`);
    }
    if ("asymmetry" in p) bits.push(`SciPy: residual ${p.residual.toExponential(1)}, max|X − Xᵀ|/max|X| = ${p.asymmetry.toExponential(1)}.`);
    notes.push(bits.join(" "));
  }
  const builds = [...new Set([...Object.values(ensOurs), ...nessRows.map((r) => r.ours)].flatMap((x) => ("failed" in x ? [] : [x.build])))];
  notes.push(builds.length > 1 ? `- WARNING: the compiled library changed during the run (another job rebuilt dist/): ${builds.length} builds were loaded by the children (${builds.join(", ")}; per row in the JSON).` : `- One library build for all children (fingerprint ${builds[0] ?? "—"} of ${LIBRARY_FILES.join(", ")}).`);
  const anyPeer = [ensPeer, ...Object.values(nessPeers)].find((p) => "versions" in p) as { versions: Versions } | undefined;
  if (anyPeer) {
    const v = anyPeer.versions;
    notes.push(`- SciPy ${v.scipy}, NumPy ${v.numpy}, mpmath ${v.mpmath ?? "?"}, Python ${v.python}; BLAS ${v.blasConfig ?? v.blasLibrary} (core ${v.blasCore ?? "?"}, ${v.blasThreads ?? "?"} threads); OPENBLAS_CORETYPE=${peerEnv.OPENBLAS_CORETYPE ?? "(unset)"}, OPENBLAS_L2_SIZE unset, for the peer only.`);
  }
  notes.push(`- Load average (1/5/15 min) at start ${fmtLoad(load0)}, at end ${fmtLoad(load1)} (${cpus().length} cores); before/after every run in the JSON.`);

  const text = [
    `${started.toISOString()}; node ${process.version}; ${machine}; git ${gitHead ?? "?"}${gitDirty ? ` + ${gitDirty} changed/untracked entries under src/` : ""}; run from ${self}`,
    "",
    `(a) λ → 0 ensemble: ${R} realizations, L = ${L}, g = ${ENS.g}, V uniform in [${ENS.vMin}, ${ENS.vMax}], baths (1, T = ${ENS.T1}), (${L}, T = ${ENS.TL}), seed ${o.seed}`,
    "",
    ensTable,
    "",
    `(b) Lyapunov NESS: L = ${nL} (${2 * nL}×${2 * nL}), g = ${NESS.g}, λ = ${NESS.lambda}, baths (1, T = ${NESS.T1}), (${nL}, T = ${NESS.TL})`,
    "",
    nessTable,
    "",
    ...verdicts,
    "",
    ...notes,
  ].join("\n");
  console.log("\n" + text);
  writeFileSync(join(outDir, "harmonic.md"), text + "\n");
  const strip = <T extends object>(x: T): Omit<T, "profiles"> => {
    const { profiles: _p, ...rest } = x as T & { profiles?: unknown };
    return rest;
  };
  const json = {
    date: started.toISOString(),
    node: process.version,
    machine,
    git: { head: gitHead, dirtyEntriesUnderSrc: gitDirty },
    script: self,
    options: o,
    params: { ensemble: ENS, ness: NESS, peerEnv: { OPENBLAS_CORETYPE: peerEnv.OPENBLAS_CORETYPE ?? null, OPENBLAS_L2_SIZE: null } },
    loadavg: { start: load0, end: load1, runs: loads },
    ensemble: {
      ours: Object.fromEntries(Object.entries(ensOurs).map(([k, v]) => [k, strip(v)])),
      peer: strip(ensPeer),
      compare: ensCmp,
      mp: mpRows,
      oursDiagnostics: { minBathWeight: { median: median(minW), min: Math.min(...minW), max: Math.max(...minW) }, doubleDoubleModes: ddModes, maxWeightErrorEstimate: weightErr },
    },
    ness: { rows: nessRows, peers: nessPeers, bounds, twoRoads },
    verdicts,
    notes,
    tables: { ensemble: ensTable, ness: nessTable },
  };
  writeFileSync(join(outDir, "harmonic.json"), JSON.stringify(json, null, 1) + "\n");
  console.log(`\nwrote ${join(outDir, "harmonic.md")} and ${join(outDir, "harmonic.json")}`);
}

const argv = process.argv.slice(2);
if (argv[0] === "--child-ensemble") {
  ensembleChild(argv[1]!, Number(argv[2]), Number(argv[3]), argv[4]!).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
} else if (argv[0] === "--child-ness") {
  try {
    nessChild(argv[1]!, argv[2] as NessRoad, Number(argv[3]));
  } catch (err: unknown) {
    console.error(err);
    process.exitCode = 1;
  }
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
