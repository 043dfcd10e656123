/**
 * TEBD benchmark (the issue's benchmark, MODELS §1, §7, CONTRACT `quench` and `lindblad-ness`).
 *
 * (a) Domain-wall quench of the XXZ chain, timed side by side with TeNPy's TEBD in one run:
 *     H = Σ_b J [s^x_b s^x_{b+1} + s^y_b s^y_{b+1} + Δ_b s^z_b s^z_{b+1}], J = 1, no fields,
 *     s = σ/2, initial state sites 1..L/2 up (s^z = +½), the rest down. Problems:
 *       uniform    Δ_b = 0.5 on every bond;
 *       junction   Δ_b = 0 for b ≤ L/2, Δ_b = 0.5 for b > L/2 ([P2]'s junction).
 *     L = 60, t = 10, output times 0, 1, …, 10 (`--times final`: only t = 10), dt = 0.05,
 *     4th-order Trotter, χ = `--chi` (default 64; the issue asks for 64 and 128), cutoff 1e-10
 *     (maximal discarded weight per truncation, relative to the total).
 *     Ours: `solve({ kind: "quench", L, J: 1, delta: [L−1 numbers], initial: "domain-wall",
 *     times, method: "tebd", tebd: { chi, dt, order: 4, cutoff } })` in a fresh child node
 *     process per case (one untimed small warm-up solve for the JIT, then the timed solve with
 *     performance.now(); the timed call includes the library's validation and every observable
 *     of the result at every output time); the child reports its peak RSS
 *     (process.resourceUsage().maxRSS) and the result's diagnostics.
 *     Peer: `/usr/bin/python3 bench/tebd/tenpy_peer.py --tenpy PATH JOB.json` (TeNPy's
 *     `XXZChain` with Jxx = J, Jz = J·Δ_b, `TEBDEngine` order 4, trunc_params chi_max = χ,
 *     svd_min off, trunc_cut = √cutoff — TeNPy's trunc_cut bounds the discarded *norm*; see
 *     tenpy_peer.py); its time is the evolution alone (measurements of ⟨s^z_i⟩ and the entropy
 *     at the output times excluded). TeNPy is not part of this repository: `--tenpy PATH` or
 *     TENPY_PATH points at its source tree (bench/tebd/README.md says how to fetch it).
 *     Reported: ours, TeNPy, ours/TeNPy (below 1: ours faster), the agreement of the final
 *     magnetization profiles (max_i |Δ⟨s^z_i⟩|, also over all output times) and of the half-chain
 *     entropies (natural log, cut at bond L/2), the maximal bond dimension of each.
 *     Targets of the issue (PASS / MISS): ours/TeNPy ≤ 1 at χ ≤ 64, ≤ 2 at χ = 128.
 *
 * (b) Lindblad NESS of the XXZ chain (Δ = 1, J = 1) with two-site target baths (MODELS §1a):
 *     (1, 2) β = 0.5 and (L−1, L) β = 1.5, μ = 0, rate 1; `method: "tebd", tebd: { chi, dt: 0.1,
 *     tol: 1e-6, maxTime: 400 }` for L ∈ `--ness-L` (32, 64) and χ ∈ `--ness-chi` (64, 128).
 *     One fresh child per case: seconds to stationarity (the timed `solve`), peak RSS, the whole
 *     diagnostics object (time, converged, …), the spread of the energy current along the chain
 *     (a stationarity check: j^E_i is uniform in the NESS). No peer.
 *
 * `--quick`: L = 20, t = 2 (times 0, 1, 2) for (a), L = 8, χ = 16, maxTime 20 for (b) — a
 * smoke run of the plumbing, not a measurement.
 *
 * Everything runs sequentially (ours, then TeNPy, then the next case): the machine has 2 cores.
 * The load average is recorded around every run. Until the TEBD engine exists, `solve` refuses
 * method "tebd" (NessrefError "not-implemented") or the schema refuses `cutoff`
 * ("invalid-input"); the rows then say so and the peer still runs.
 *
 * Usage: node dist/bench/tebd/run.js [--chi 64,128] [--quick] [--no-peer] [--no-ours]
 *        [--tenpy PATH] [--problems uniform,junction] [--times all|final] [--L 60] [--t 10]
 *        [--dt 0.05] [--cutoff 1e-10] [--no-quench] [--no-ness] [--ness-L 32,64]
 *        [--ness-chi 64,128] [--ness-max-time 400] [--peer-coretype unset]
 *        [--peer-timeout 3600] [--ours-timeout 3600] [--ness-timeout 3600]
 *
 * Output: Markdown tables on stdout (also bench/out/tebd.md), everything to bench/out/tebd.json;
 * the problems and TeNPy jobs to bench/out/tebd/.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { NessrefError, solve } from "../../src/index.js";
import { failure, lastJsonLine, run, type Run } from "../common/child.js";
import { gitState, killChildOnSignals, peerEnvironment, peerStopReason } from "../common/context.js";

const J = 1;
const ORDER = 4;
const DELTA = 0.5;
const TARGET_RATIO_64 = 1;
const TARGET_RATIO_128 = 2;
const NESS = { delta: 1, betaL: 0.5, betaR: 1.5, mu: 0, rate: 1, dt: 0.1, tol: 1e-6 };
const PROBLEMS = ["uniform", "junction"] as const;
type ProblemName = (typeof PROBLEMS)[number];

/** Δ_b, b = 1..L−1 (index b − 1). */
function deltas(name: ProblemName, L: number): number[] {
  return Array.from({ length: L - 1 }, (_, i) => (name === "uniform" ? DELTA : i + 1 <= L / 2 ? 0 : DELTA));
}

function quenchProblem(name: ProblemName, L: number, times: number[], chi: number, dt: number, cutoff: number): Record<string, unknown> {
  return {
    kind: "quench", L, J, delta: deltas(name, L), initial: "domain-wall", times,
    method: "tebd", tebd: { chi, dt, order: ORDER, cutoff },
  };
}

function nessProblem(L: number, chi: number, maxTime: number): Record<string, unknown> {
  return {
    kind: "lindblad-ness",
    hamiltonian: { type: "xxz", L, J, delta: NESS.delta },
    baths: [
      { type: "target", sites: [1, 2], beta: NESS.betaL, mu: NESS.mu, rate: NESS.rate },
      { type: "target", sites: [L - 1, L], beta: NESS.betaR, mu: NESS.mu, rate: NESS.rate },
    ],
    method: "tebd",
    tebd: { chi, dt: NESS.dt, tol: NESS.tol, maxTime },
  };
}

/** Fingerprint of the compiled library next to this script (dist/bench/tebd/run.js → dist/src/…): the quench/NESS kinds and src/mps. */
function buildFingerprint(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const files = ["src/kinds/quench.js", "src/kinds/lindbladNess.js", "src/problem/schema.js"];
  const mps = join(root, "src/mps");
  if (existsSync(mps)) for (const f of readdirSync(mps).filter((f) => f.endsWith(".js")).sort()) files.push(`src/mps/${f}`);
  const h = createHash("sha256");
  for (const f of files) {
    const p = join(root, f);
    h.update(f + "\0" + (existsSync(p) ? readFileSync(p) : "missing") + "\0");
  }
  return h.digest("hex").slice(0, 12);
}

// ---------------------------------------------------------------------------------------------
// children: one case in a fresh process

interface ChildError { error: { code: string; message: string; path: string } }
interface QuenchChildOut {
  seconds: number;
  warmupSeconds: number;
  cpuSeconds: number;
  maxRssKB: number;
  build: string;
  times: number[];
  magnetization: number[][];
  entropy: number[];
  diagnostics: Record<string, unknown> | null;
}
interface NessChildOut {
  seconds: number;
  warmupSeconds: number;
  cpuSeconds: number;
  maxRssKB: number;
  build: string;
  diagnostics: Record<string, unknown> | null;
  magnetization: number[];
  spinCurrent: number[];
  energyCurrent: number[];
}

function childError(e: unknown): never {
  const err = e instanceof NessrefError ? e.toJSON() : { error: { code: "crash", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e), path: "" } };
  process.stdout.write(JSON.stringify(err) + "\n");
  process.exit(2);
}

/** One timed `solve` in a child (wall and CPU seconds); a failure is reported as the child's error JSON. */
async function timedSolve(problem: Record<string, unknown>): Promise<{ r: Record<string, unknown>; seconds: number; cpuSeconds: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let r: Record<string, unknown>;
  try {
    r = (await solve(problem)) as Record<string, unknown>;
  } catch (e) {
    childError(e);
  }
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { r, seconds, cpuSeconds: (c.user + c.system) / 1e6 };
}

async function childQuench(file: string): Promise<void> {
  const problem = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown> & { tebd: Record<string, unknown> };
  let warmupSeconds: number;
  try {
    const tw = performance.now();
    await solve({ ...problem, L: 10, delta: (problem.delta as number[]).slice(0, 9), times: [0, 0.5], tebd: { ...problem.tebd, chi: 8 } }); // JIT warm-up, untimed
    warmupSeconds = (performance.now() - tw) / 1000;
  } catch (e) {
    childError(e);
  }
  const { r, seconds, cpuSeconds } = await timedSolve(problem);
  const out: QuenchChildOut = {
    seconds,
    warmupSeconds,
    cpuSeconds,
    maxRssKB: process.resourceUsage().maxRSS,
    build: buildFingerprint(),
    times: Array.from(r.times as ArrayLike<number>),
    magnetization: (r.magnetization as ArrayLike<number>[]).map((m) => Array.from(m)),
    entropy: Array.from(r.entropy as ArrayLike<number>),
    diagnostics: (r.diagnostics as Record<string, unknown> | undefined) ?? null,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

async function childNess(file: string): Promise<void> {
  const problem = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown> & { tebd: Record<string, unknown> };
  let warmupSeconds: number;
  try {
    const tw = performance.now();
    await solve(nessProblem(6, 8, 2)); // JIT warm-up, untimed (a short, not necessarily converged run)
    warmupSeconds = (performance.now() - tw) / 1000;
  } catch (e) {
    if (!(e instanceof NessrefError && e.code === "no-convergence")) childError(e);
    warmupSeconds = NaN;
  }
  const { r, seconds, cpuSeconds } = await timedSolve(problem);
  const arr = (k: string) => Array.from((r[k] as ArrayLike<number> | undefined) ?? []);
  const out: NessChildOut = {
    seconds,
    warmupSeconds,
    cpuSeconds,
    maxRssKB: process.resourceUsage().maxRSS,
    build: buildFingerprint(),
    diagnostics: (r.diagnostics as Record<string, unknown> | undefined) ?? null,
    magnetization: arr("magnetization"),
    spinCurrent: arr("spinCurrent"),
    energyCurrent: arr("energyCurrent"),
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

// ---------------------------------------------------------------------------------------------
// parent

interface Opts {
  chis: number[];
  quick: boolean;
  peer: boolean;
  ours: boolean;
  tenpy: string | undefined;
  problems: ProblemName[];
  times: "all" | "final";
  L: number;
  t: number;
  dt: number;
  cutoff: number;
  quench: boolean;
  ness: boolean;
  nessL: number[];
  nessChi: number[];
  nessMaxTime: number;
  peerCoretype: string;
  peerTimeout: number;
  oursTimeout: number;
  nessTimeout: number;
}

function parseArgs(argv: string[]): Opts {
  const o: Opts = {
    chis: [64], quick: false, peer: true, ours: true, tenpy: process.env.TENPY_PATH, problems: [...PROBLEMS], times: "all",
    L: 60, t: 10, dt: 0.05, cutoff: 1e-10, quench: true, ness: true, nessL: [32, 64], nessChi: [64, 128], nessMaxTime: 400,
    peerCoretype: "unset", peerTimeout: 3600, oursTimeout: 3600, nessTimeout: 3600,
  };
  const list = (s: string | undefined) => String(s).split(",").map((x) => Number(x.trim()));
  let setL = false, setT = false, setNessL = false, setNessChi = false, setNessMax = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--chi") o.chis = list(argv[++i]);
    else if (a === "--quick") o.quick = true;
    else if (a === "--no-peer") o.peer = false;
    else if (a === "--no-ours") o.ours = false;
    else if (a === "--tenpy") o.tenpy = argv[++i];
    else if (a === "--problems") o.problems = String(argv[++i]).split(",").map((s) => s.trim()) as ProblemName[];
    else if (a === "--times") o.times = argv[++i] as Opts["times"];
    else if (a === "--L") { o.L = Number(argv[++i]); setL = true; }
    else if (a === "--t") { o.t = Number(argv[++i]); setT = true; }
    else if (a === "--dt") o.dt = Number(argv[++i]);
    else if (a === "--cutoff") o.cutoff = Number(argv[++i]);
    else if (a === "--no-quench") o.quench = false;
    else if (a === "--no-ness") o.ness = false;
    else if (a === "--ness-L") { o.nessL = list(argv[++i]); setNessL = true; }
    else if (a === "--ness-chi") { o.nessChi = list(argv[++i]); setNessChi = true; }
    else if (a === "--ness-max-time") { o.nessMaxTime = Number(argv[++i]); setNessMax = true; }
    else if (a === "--peer-coretype") o.peerCoretype = String(argv[++i]);
    else if (a === "--peer-timeout") o.peerTimeout = Number(argv[++i]);
    else if (a === "--ours-timeout") o.oursTimeout = Number(argv[++i]);
    else if (a === "--ness-timeout") o.nessTimeout = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.quick) {
    if (!setL) o.L = 20;
    if (!setT) o.t = 2;
    if (!setNessL) o.nessL = [8];
    if (!setNessChi) o.nessChi = [16];
    if (!setNessMax) o.nessMaxTime = 20;
  }
  const posInts = (xs: number[]) => xs.length > 0 && xs.every((x) => Number.isInteger(x) && x >= 1);
  if (!posInts(o.chis)) throw new Error("--chi must be a comma-separated list of integers ≥ 1");
  if (!o.problems.length || !o.problems.every((p) => (PROBLEMS as readonly string[]).includes(p))) throw new Error(`--problems must be a comma-separated subset of ${PROBLEMS.join(",")}`);
  if (o.times !== "all" && o.times !== "final") throw new Error("--times must be all or final");
  if (!(Number.isInteger(o.L) && o.L >= 4 && o.L % 2 === 0)) throw new Error("--L must be an even integer ≥ 4");
  if (!(o.t > 0 && o.dt > 0)) throw new Error("--t and --dt must be > 0");
  if (Math.abs(Math.round(o.t / o.dt) * o.dt - o.t) > 1e-9 * o.t || (o.times === "all" && !Number.isInteger(o.t))) throw new Error("--t must be a multiple of --dt (and an integer with --times all)");
  if (Math.abs(Math.round(1 / o.dt) * o.dt - 1) > 1e-12 && o.times === "all") throw new Error("--times all needs 1/dt integer");
  if (!(o.cutoff >= 0 && o.cutoff < 1)) throw new Error("--cutoff must be in [0, 1)");
  if (!o.nessL.every((L) => Number.isInteger(L) && L >= 4) || !posInts(o.nessChi)) throw new Error("--ness-L (integers ≥ 4) and --ness-chi (integers ≥ 1)");
  if (!(o.nessMaxTime > 0)) throw new Error("--ness-max-time must be > 0");
  for (const k of ["peerTimeout", "oursTimeout", "nessTimeout"] as const) if (!(o[k] > 0)) throw new Error(`--${k.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())} must be > 0 (seconds)`);
  return o;
}

interface PeerOut {
  seconds: number;
  cpuSeconds: number;
  measureSeconds: number;
  setupSeconds: number;
  steps: number;
  times: number[];
  magnetization: number[][];
  entropy: number[];
  chi: number[];
  maxChi: number;
  truncErr: number;
  peakRssMB: number;
  settings: Record<string, unknown>;
  versions: Record<string, unknown>;
}

function fmtTime(s: number): string {
  if (!Number.isFinite(s)) return "—";
  if (s >= 1) return `${s.toFixed(s >= 100 ? 1 : 2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(s >= 0.1 ? 1 : 2)} ms`;
  return `${(s * 1e6).toFixed(0)} µs`;
}
const fmtBytes = (b: number) => (b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / 1e6).toFixed(0)} MB`);
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
const fmtE = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toExponential(d));

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return NaN;
  let d = 0;
  for (let i = 0; i < b.length; i++) {
    const e = Math.abs(a[i]! - b[i]!);
    d = Number.isNaN(e) || Number.isNaN(d) ? NaN : Math.max(d, e);
  }
  return d;
}

/** A bond-dimension entry of our diagnostics, if the engine reports one (max over arrays). */
function oursMaxChi(diag: Record<string, unknown> | null): { key: string; value: number } | null {
  if (!diag) return null;
  for (const [k, v] of Object.entries(diag)) {
    if (!/chi|bond ?dim/i.test(k)) continue;
    if (typeof v === "number") return { key: k, value: v };
    if (Array.isArray(v) && v.length && v.every((x) => typeof x === "number")) return { key: k, value: Math.max(...(v as number[])) };
  }
  return null;
}

function findPeerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "tenpy_peer.py"), resolve(here, "../../../bench/tebd/tenpy_peer.py"), resolve("bench/tebd/tenpy_peer.py")];
  return candidates.find((p) => existsSync(p));
}

type Failed = { failed: string; code?: string };
type Skipped = { skipped: string };

/** A child's JSON line: its result, its typed error, or why it gave none. */
function readChild<T>(r: Run, timeout: number): T | Failed {
  const line = lastJsonLine<T | ChildError>(r.stdout);
  if (line && "error" in (line as object)) {
    const e = (line as ChildError).error;
    return { failed: `${e.code}: ${e.message}${e.path ? ` (at ${e.path})` : ""}`, code: e.code };
  }
  if (r.status === 0 && line) return line as T;
  return { failed: failure(r, timeout) };
}

interface QuenchRow {
  problem: ProblemName;
  chi: number;
  problemFile: string;
  jobFile: string;
  ours: (QuenchChildOut & { wallSeconds: number }) | Failed | Skipped;
  peer: (PeerOut & { wallSeconds: number }) | Failed | Skipped;
  ratio: number | null;
  agreement: { magFinal: number; magAllTimes: number; entropyOurs: number; entropyPeer: number; entropyFinal: number; entropyAllTimes: number } | null;
  load: Record<string, number[]>;
}

interface NessRow {
  L: number;
  chi: number;
  problemFile: string;
  ours: (NessChildOut & { wallSeconds: number }) | Failed | Skipped;
  energyCurrentSpread: number | null;
  load: Record<string, number[]>;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const self = fileURLToPath(import.meta.url);
  const peerScript = findPeerScript();
  const outDir = resolve("bench/out");
  const workDir = join(outDir, "tebd");
  mkdirSync(workDir, { recursive: true });
  const started = new Date();
  const load0 = loadavg();
  const { head: gitHead, dirty: gitDirty } = gitState();
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  killChildOnSignals();
  const peerEnv = peerEnvironment(o.peerCoretype);
  let peerStop = peerStopReason(o.peer, peerScript, "tenpy_peer.py");
  if (!peerStop && o.quench && (!o.tenpy || !existsSync(join(o.tenpy, "tenpy", "__init__.py"))))
    peerStop = `TeNPy source tree not found (--tenpy / TENPY_PATH = ${o.tenpy ?? "unset"}; see bench/tebd/README.md)`;
  const tenpyPath = o.tenpy ? resolve(o.tenpy) : undefined;
  const build0 = buildFingerprint();

  console.log(`node ${process.version}; ${machine}; git ${gitHead ?? "?"}${gitDirty ? ` + ${gitDirty} changed entries under src/` : ""}; load average at start ${fmtLoad(load0)}`);
  console.log(`peer: ${peerStop ?? `TeNPy from ${tenpyPath} (OPENBLAS_CORETYPE=${peerEnv.OPENBLAS_CORETYPE ?? "(unset)"}, OPENBLAS_L2_SIZE unset; BLAS threads: machine default)`}${o.quick ? "; --quick (smoke run, not a measurement)" : ""}`);

  const times = o.times === "all" ? Array.from({ length: Math.round(o.t) + 1 }, (_, i) => i) : [o.t];

  // ---- (a) quench
  const qRows: QuenchRow[] = [];
  if (o.quench) {
    console.log(`\n(a) domain-wall quench, L = ${o.L}, J = ${J}, t = ${o.t} (output times ${times.length === 1 ? times[0] : `0, 1, …, ${o.t}`}), dt = ${o.dt}, order ${ORDER}, cutoff ${o.cutoff}, χ = ${o.chis.join(", ")}`);
    for (const name of o.problems) {
      for (const chi of o.chis) {
        const tag = `${name}-L${o.L}-chi${chi}`;
        const problem = quenchProblem(name, o.L, times, chi, o.dt, o.cutoff);
        const problemFile = join(workDir, `quench-${tag}.json`);
        writeFileSync(problemFile, JSON.stringify(problem) + "\n");
        const job = { L: o.L, J, delta: problem.delta, chi, dt: o.dt, tEnd: o.t, order: ORDER, cutoff: o.cutoff, outputTimes: times, conserve: "Sz" };
        const jobFile = join(workDir, `tenpy-${tag}.json`);
        writeFileSync(jobFile, JSON.stringify(job) + "\n");
        const load: Record<string, number[]> = { beforeOurs: loadavg() };

        let ours: QuenchRow["ours"];
        if (!o.ours) ours = { skipped: "disabled (--no-ours)" };
        else {
          process.stdout.write(`${tag}: ours ... `);
          const r = await run(process.execPath, [self, "--child-quench", problemFile], process.env, o.oursTimeout);
          const c = readChild<QuenchChildOut>(r, o.oursTimeout);
          ours = "failed" in c ? c : { ...c, wallSeconds: r.wallSeconds };
          console.log("failed" in ours ? `FAILED: ${ours.failed}` : `${fmtTime(ours.seconds)}, peak RSS ${fmtBytes(ours.maxRssKB * 1024)}`);
        }
        load.afterOurs = loadavg();

        let peer: QuenchRow["peer"];
        if (peerStop) peer = { skipped: peerStop };
        else {
          process.stdout.write(`${tag}: TeNPy ... `);
          const r = await run("/usr/bin/python3", [peerScript!, "--tenpy", tenpyPath!, jobFile], peerEnv, o.peerTimeout);
          const p = r.status === 0 ? lastJsonLine<PeerOut>(r.stdout) : undefined;
          peer = p && typeof p.seconds === "number" ? { ...p, wallSeconds: r.wallSeconds } : { failed: failure(r, o.peerTimeout) };
          console.log("failed" in peer ? `FAILED: ${peer.failed}` : `${fmtTime(peer.seconds)} (CPU ${fmtTime(peer.cpuSeconds)}), max χ ${peer.maxChi}`);
          load.afterPeer = loadavg();
        }

        let ratio: number | null = null;
        let agreement: QuenchRow["agreement"] = null;
        if ("seconds" in ours && "seconds" in peer) {
          ratio = ours.seconds / peer.seconds;
          const n = Math.min(ours.magnetization.length, peer.magnetization.length);
          let magAll = 0, entAll = 0;
          for (let k = 0; k < n; k++) {
            magAll = Math.max(magAll, maxAbs(ours.magnetization[k]!, peer.magnetization[k]!));
            entAll = Math.max(entAll, Math.abs(ours.entropy[k]! - peer.entropy[k]!));
          }
          const so = ours.entropy[ours.entropy.length - 1]!, sp = peer.entropy[peer.entropy.length - 1]!;
          agreement = {
            magFinal: maxAbs(ours.magnetization[ours.magnetization.length - 1]!, peer.magnetization[peer.magnetization.length - 1]!),
            magAllTimes: n === times.length ? magAll : NaN,
            entropyOurs: so, entropyPeer: sp, entropyFinal: Math.abs(so - sp),
            entropyAllTimes: n === times.length ? entAll : NaN,
          };
        }
        qRows.push({ problem: name, chi, problemFile, jobFile, ours, peer, ratio, agreement, load });
      }
    }
  }

  // ---- (b) NESS
  const nRows: NessRow[] = [];
  if (o.ness) {
    console.log(`\n(b) Lindblad NESS, XXZ Δ = ${NESS.delta}, target baths (1,2) β = ${NESS.betaL}, (L−1,L) β = ${NESS.betaR}, μ = 0, rate 1; dt = ${NESS.dt}, tol ${NESS.tol}, maxTime ${o.nessMaxTime}; L = ${o.nessL.join(", ")}, χ = ${o.nessChi.join(", ")}`);
    for (const L of o.nessL) {
      for (const chi of o.nessChi) {
        const problemFile = join(workDir, `ness-L${L}-chi${chi}.json`);
        writeFileSync(problemFile, JSON.stringify(nessProblem(L, chi, o.nessMaxTime)) + "\n");
        const load: Record<string, number[]> = { before: loadavg() };
        let ours: NessRow["ours"];
        if (!o.ours) ours = { skipped: "disabled (--no-ours)" };
        else {
          process.stdout.write(`NESS L = ${L}, χ = ${chi}: ours ... `);
          const r = await run(process.execPath, [self, "--child-ness", problemFile], process.env, o.nessTimeout);
          const c = readChild<NessChildOut>(r, o.nessTimeout);
          ours = "failed" in c ? c : { ...c, wallSeconds: r.wallSeconds };
          console.log("failed" in ours ? `FAILED: ${ours.failed}` : `${fmtTime(ours.seconds)}, peak RSS ${fmtBytes(ours.maxRssKB * 1024)}, diagnostics ${JSON.stringify(ours.diagnostics)}`);
        }
        load.after = loadavg();
        let spread: number | null = null;
        if ("seconds" in ours && ours.energyCurrent.length) {
          const j = ours.energyCurrent;
          const mean = j.reduce((s, x) => s + x, 0) / j.length;
          spread = (Math.max(...j) - Math.min(...j)) / Math.abs(mean);
        }
        nRows.push({ L, chi, problemFile, ours, energyCurrentSpread: spread, load });
      }
    }
  }
  const load1 = loadavg();

  // ---- tables
  const why = (x: Failed | Skipped) => ("failed" in x ? x.failed : x.skipped);
  const qHead = ["problem", "χ", "ours", "ours peak RSS", "TeNPy", "TeNPy CPU", "ours / TeNPy", `max\\|Δ⟨s^z⟩\\| at t = ${o.t}`, "over all times", `S ours (t = ${o.t})`, "S TeNPy", "\\|ΔS\\|", "max χ ours", "max χ TeNPy"];
  const qLines = [`| ${qHead.join(" | ")} |`, `|${qHead.map(() => "---").join("|")}|`];
  for (const r of qRows) {
    const od = "seconds" in r.ours ? r.ours : null;
    const pd = "seconds" in r.peer ? r.peer : null;
    const oc = od ? oursMaxChi(od.diagnostics) : null;
    qLines.push(`| ${[
      r.problem, r.chi,
      od ? fmtTime(od.seconds) : `— (${why(r.ours as Failed | Skipped)})`,
      od ? fmtBytes(od.maxRssKB * 1024) : "—",
      pd ? fmtTime(pd.seconds) : `— (${why(r.peer as Failed | Skipped)})`,
      pd ? fmtTime(pd.cpuSeconds) : "—",
      r.ratio !== null ? `**${r.ratio.toFixed(2)}**` : "—",
      fmtE(r.agreement?.magFinal), fmtE(r.agreement?.magAllTimes),
      od ? od.entropy[od.entropy.length - 1]!.toFixed(6) : "—",
      pd ? pd.entropy[pd.entropy.length - 1]!.toFixed(6) : "—",
      fmtE(r.agreement?.entropyFinal),
      oc ? `${oc.value} (\`${oc.key}\`)` : od ? "not reported" : "—",
      pd ? String(pd.maxChi) : "—",
    ].join(" | ")} |`);
  }
  const nHead = ["L", "χ", "ours (time to stationarity)", "peak RSS", "energy-current spread (max−min)/\\|mean\\|", "diagnostics"];
  const nLines = [`| ${nHead.join(" | ")} |`, `|${nHead.map(() => "---").join("|")}|`];
  for (const r of nRows) {
    const od = "seconds" in r.ours ? r.ours : null;
    nLines.push(`| ${[
      r.L, r.chi,
      od ? fmtTime(od.seconds) : `— (${why(r.ours as Failed | Skipped)})`,
      od ? fmtBytes(od.maxRssKB * 1024) : "—",
      fmtE(r.energyCurrentSpread),
      od ? `\`${JSON.stringify(od.diagnostics)}\`` : "—",
    ].join(" | ")} |`);
  }

  // ---- targets
  const verdicts: string[] = [];
  for (const r of qRows) {
    const target = r.chi <= 64 ? TARGET_RATIO_64 : r.chi === 128 ? TARGET_RATIO_128 : null;
    const label = `${r.problem}, χ = ${r.chi}${o.quick ? " (--quick: not the issue's problem)" : ""}`;
    if (target === null) verdicts.push(`NO TARGET: ${label}: ours / TeNPy = ${r.ratio?.toFixed(2) ?? "—"}`);
    else if (r.ratio === null) verdicts.push(`NOT MEASURED: ${label} (ours: ${"seconds" in r.ours ? "ok" : why(r.ours as Failed | Skipped)}; TeNPy: ${"seconds" in r.peer ? `${fmtTime(r.peer.seconds)}` : why(r.peer as Failed | Skipped)}); target ours / TeNPy ≤ ${target}`);
    else verdicts.push(`${r.ratio <= target ? "PASS" : "MISS"}: ${label}: ours / TeNPy = ${r.ratio.toFixed(2)} (ours ${fmtTime((r.ours as QuenchChildOut).seconds)}, TeNPy ${fmtTime((r.peer as PeerOut).seconds)}; target ≤ ${target})`);
  }

  const notes: string[] = [];
  const builds = [...new Set([build0, ...[...qRows.map((r) => r.ours), ...nRows.map((r) => r.ours)].filter((x): x is QuenchChildOut & { wallSeconds: number } => "build" in x).map((x) => x.build)])];
  notes.push(builds.length > 1 ? `- WARNING: the compiled library changed during the run (another job rebuilt dist/): builds ${builds.join(", ")} (per row in the JSON).` : `- One library build for all children (fingerprint ${build0} of dist/src/kinds/{quench,lindbladNess}.js, problem/schema.js, mps/*.js).`);
  const anyPeer = qRows.map((r) => r.peer).find((p): p is PeerOut & { wallSeconds: number } => "versions" in p);
  if (anyPeer) {
    const v = anyPeer.versions;
    notes.push(`- TeNPy ${v.tenpy} (commit ${v.tenpyCommit ?? "?"}, Cython helpers ${v.tenpyCython ? "loaded" : "not compiled: pure-NumPy fallbacks"}), NumPy ${v.numpy}, SciPy ${v.scipy}, Python ${v.python}; BLAS ${v.blasConfig ?? v.blasLibrary} (core ${v.blasCore ?? "?"}, ${v.blasThreads ?? "?"} threads); OPENBLAS_CORETYPE=${peerEnv.OPENBLAS_CORETYPE ?? "(unset)"}, OPENBLAS_L2_SIZE unset, for the peer only.`);
    notes.push(`- TeNPy settings: ${JSON.stringify(anyPeer.settings)}. Its time is the evolution only (engine set-up, U's and the evolve calls; measurements at the output times excluded: ${qRows.filter((r) => "seconds" in r.peer).map((r) => fmtTime((r.peer as PeerOut).measureSeconds)).join(", ")}).`);
  }
  notes.push(`- Ours: fresh child node per case, one untimed warm-up solve (L = 10, χ = 8), then \`solve(problem)\` timed with performance.now() (validation and all observables at every output time included); peak RSS = the child's process.resourceUsage().maxRSS (includes node itself, ≈ 50 MB).`);
  notes.push(`- Load average (1/5/15 min) at start ${fmtLoad(load0)}, at end ${fmtLoad(load1)} (${cpus().length} cores); before/after every run in the JSON.`);

  const text = [
    `bench/tebd — ${started.toISOString()}; node ${process.version}; ${machine}; git ${gitHead ?? "?"}${gitDirty ? ` + ${gitDirty} changed entries under src/` : ""}${o.quick ? "; --quick" : ""}`,
    "",
    `(a) domain-wall quench, XXZ, L = ${o.L}, J = ${J}, Δ = ${DELTA} (uniform) or 0 | ${DELTA} (junction at bond ${o.L / 2}), t = ${o.t}, dt = ${o.dt}, order ${ORDER}, cutoff ${o.cutoff}`,
    "",
    o.quench ? qLines.join("\n") : "(not run)",
    "",
    `(b) Lindblad NESS, XXZ Δ = ${NESS.delta}, target baths (1,2) β = ${NESS.betaL}, (L−1,L) β = ${NESS.betaR}, μ = 0; tebd dt = ${NESS.dt}, tol ${NESS.tol}, maxTime ${o.nessMaxTime}`,
    "",
    o.ness ? nLines.join("\n") : "(not run)",
    "",
    ...verdicts,
    "",
    ...notes,
  ].join("\n");
  console.log("\n" + text);
  writeFileSync(join(outDir, "tebd.md"), text + "\n");
  const json = {
    date: started.toISOString(), node: process.version, machine, git: { head: gitHead, dirtySrcEntries: gitDirty },
    options: o, tenpyPath, peerEnv: { OPENBLAS_CORETYPE: peerEnv.OPENBLAS_CORETYPE ?? null },
    loadavg: { start: load0, end: load1 }, builds, quench: qRows, ness: nRows, verdicts, notes,
  };
  writeFileSync(join(outDir, "tebd.json"), JSON.stringify(json, null, 1) + "\n");
  console.log(`\nwrote ${join(outDir, "tebd.md")} and ${join(outDir, "tebd.json")}`);
}

const argv = process.argv.slice(2);
const main_ = argv[0] === "--child-quench" ? childQuench(argv[1]!) : argv[0] === "--child-ness" ? childNess(argv[1]!) : main();
main_.catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
