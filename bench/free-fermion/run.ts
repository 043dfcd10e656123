/**
 * Free-fermion NESS benchmark: the two-point function C_ij = ⟨a†_i a_j⟩ of the XX chain with
 * source/sink baths at the two ends, timed side by side with SciPy's
 * `solve_continuous_lyapunov` in one run (CONVENTIONS §2).
 *
 * Problem at every L (default 200, 500, 1000): XX chain, J = 1 (hopping t = ½), source/sink baths
 * at site 1 (γ⁺ = 1, γ⁻ = 0.5) and site L (γ⁺ = 0.5, γ⁻ = 1), no dephasing, so the equation is
 * 0 = M C + C M† + F with M = i h − ½ diag(Γ), F = diag(γ⁺), Γ = γ⁺ + γ⁻. Chains:
 *   uniform          no fields;
 *   disordered W     fields h_i uniform in [−W, W], drawn per L with `createRng(seed)` and
 *                    `rng.uniform(−W, W)` for i = 1..L (src/analysis/random.ts); `--W 1,0.001` by
 *                    default. The fields are written to the problem file that the peer reads.
 *
 * Roads timed (each in a fresh child node process, `process.execPath` running this compiled
 * script with `--child`; one untimed warm-up solve on the same road at L = 40 first):
 *   ours structured  `freeFermionNess(chain, baths, { method: "structured", full: true })`
 *                    on the uniform chain (O(L) closed form plus the L×L matrix and the
 *                    library's residual check), median of `--structured-repeats` (default 9);
 *   ours general     `{ method: "general", full: true }` on every chain, median of the
 *                    per-L repeats (`--repeats`, default 5,3,1 for L = 200, 500, 1000);
 *   SciPy            `/usr/bin/python3 bench/free-fermion/scipy_peer.py`, one process per chain
 *                    and L: `scipy.linalg.solve_continuous_lyapunov(M, −F)` alone timed (after an
 *                    untimed L = 40 warm-up), median of the same per-L repeats.
 * The environment of the peer only: OPENBLAS_L2_SIZE removed, OPENBLAS_CORETYPE set to
 * `--peer-coretype` (default Nehalem; "unset" removes it). Debian's OpenBLAS 0.3.21 crashes here
 * in zdotu_k_ZEN (from ztrsyl) with the auto-detected AVX2 kernels for L ≳ 150; see README.md.
 *
 * Checks in the same run: max |C_ours − C_scipy| / max |C_scipy| for every pair; the residual
 * max |M C + C M† + F| / max(γ⁺, Γ) of every C computed here by one independent O(L²) routine
 * (M is tridiagonal); the library's own reported residual; the structured and general roads
 * against each other on the uniform chain.
 *
 * Target of the issue: "within 2× of SciPy at L = 1000 (faster if you exploit structure)":
 * evaluated for the structured road on the uniform chain (ours/SciPy ≤ 2, on time alone; the
 * agreement of C is reported next to it and in the cross-check notes, `OK` at ≤ 1e-10, `OK within
 * the conditioning` at ≤ max(1e-10, ε‖M‖/(2 d_min)), d_min the smallest mode damping); the
 * general road's ratio is reported without a target.
 *
 * Usage: node dist/bench/free-fermion/run.js [--L 200,500,1000] [--W 1,0.001] [--seed 1]
 *        [--repeats 5,3,1] [--structured-repeats 9] [--no-peer] [--peer-coretype Nehalem]
 *        [--peer-timeout 1800] [--ours-timeout 3600] [--keep-matrices]
 *
 * Output: a Markdown table on stdout (also bench/out/free-fermion.md), everything to
 * bench/out/free-fermion.json; problems in bench/out/free-fermion/<chain>-L<L>.json; the C
 * matrices (raw float64, deleted after the comparison unless --keep-matrices) there too.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRng } from "../../src/analysis/random.js";
import { freeFermionNess, xxFermions, type FermionBath } from "../../src/exact/freeFermion.js";
import { failure, lastJsonLine, run } from "../common/child.js";
import { gitState, killChildOnSignals, peerEnvironment, peerStopReason } from "../common/context.js";

const J = 1;
const WARMUP_L = 40;
const TARGET_L = 1000;
const TARGET_RATIO = 2;
const AGREE = 1e-10;

function bathsAt(L: number): FermionBath[] {
  return [
    { type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.5 },
    { type: "source-sink", site: L, gammaPlus: 0.5, gammaMinus: 1 },
  ];
}

interface Problem {
  chain: string;
  L: number;
  J: number;
  W: number;
  seed: number | null;
  fields: number[];
  baths: FermionBath[];
}

function problemAt(L: number, W: number | null, seed: number): Problem {
  const fields = new Array<number>(L).fill(0);
  if (W !== null) {
    const rng = createRng(seed);
    for (let i = 0; i < L; i++) fields[i] = rng.uniform(-W, W);
  }
  return { chain: W === null ? "uniform" : `disordered W=${W}`, L, J, W: W ?? 0, seed: W === null ? null : seed, fields, baths: bathsAt(L) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
};

// ---------------------------------------------------------------------------------------------
// child: one road on one problem in a fresh process

type Road = "structured" | "general";

interface ChildOut {
  L: number;
  road: Road;
  seconds: number | null;
  all: number[];
  warmupSeconds: number;
  maxRssKB: number;
  rssEndBytes: number;
  residual: number | null;
  eigenRoad: string | null;
  minDamping: number | null;
  error: { code: string; message: string; afterSeconds: number } | null;
  /** sha256 (12 hex) of the compiled library files this child loaded: other jobs may rebuild dist/ during a run */
  build: string;
}

const LIBRARY_FILES = ["src/exact/freeFermion.js", "src/linalg/csymtridiag.js", "src/linalg/schur.js", "src/linalg/lu.js", "src/linalg/kernels.js"];

/** Fingerprint of the compiled library next to this script (dist/bench/free-fermion/run.js → dist/src/…). */
function buildFingerprint(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const h = createHash("sha256");
  for (const f of LIBRARY_FILES) {
    const p = join(root, f);
    h.update(f + "\0" + (existsSync(p) ? readFileSync(p) : "missing") + "\0");
  }
  return h.digest("hex").slice(0, 12);
}

function child(problemFile: string, road: Road, repeats: number, outFile: string): void {
  const build = buildFingerprint(); // the modules below were loaded when this process started
  const p = JSON.parse(readFileSync(problemFile, "utf8")) as Problem;
  const tw = performance.now();
  freeFermionNess(xxFermions({ L: WARMUP_L, J }), bathsAt(WARMUP_L), { method: road, full: true }); // JIT warm-up, untimed
  const warmupSeconds = (performance.now() - tw) / 1000;
  const chain = xxFermions({ L: p.L, J: p.J, fields: p.fields });
  const all: number[] = [];
  let last: ReturnType<typeof freeFermionNess> | undefined;
  let error: ChildOut["error"] = null;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    try {
      last = freeFermionNess(chain, p.baths, { method: road, full: true });
    } catch (e) {
      const err = e as { code?: string; message?: string };
      error = { code: err.code ?? "error", message: err.message ?? String(e), afterSeconds: (performance.now() - t0) / 1000 };
      break;
    }
    all.push((performance.now() - t0) / 1000);
  }
  if (last && !error) {
    const m = last.matrix!;
    const buf = Buffer.alloc(16 * p.L * p.L);
    Buffer.from(m.re.buffer, m.re.byteOffset, m.re.byteLength).copy(buf, 0);
    Buffer.from(m.im.buffer, m.im.byteOffset, m.im.byteLength).copy(buf, 8 * p.L * p.L);
    writeFileSync(outFile, buf);
  }
  const out: ChildOut = {
    L: p.L,
    road,
    seconds: error ? null : median(all),
    all,
    warmupSeconds,
    maxRssKB: process.resourceUsage().maxRSS,
    rssEndBytes: process.memoryUsage().rss,
    residual: last && !error ? last.residual : null,
    eigenRoad: last && !error ? last.eigenRoad : null,
    minDamping: last && !error ? last.minDamping : null,
    error,
    build,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

// ---------------------------------------------------------------------------------------------
// parent

interface Opts {
  Ls: number[];
  Ws: number[];
  seed: number;
  repeats: number[];
  structuredRepeats: number;
  peer: boolean;
  peerCoretype: string;
  peerTimeout: number;
  oursTimeout: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Opts {
  const o: Opts = { Ls: [200, 500, 1000], Ws: [1, 0.001], seed: 1, repeats: [5, 3, 1], structuredRepeats: 9, peer: true, peerCoretype: "Nehalem", peerTimeout: 1800, oursTimeout: 3600, keep: false };
  const list = (s: string | undefined): number[] => String(s).split(",").filter((x) => x.trim() !== "").map((x) => Number(x.trim()));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--L") o.Ls = list(argv[++i]);
    else if (a === "--W") o.Ws = list(argv[++i]);
    else if (a === "--seed") o.seed = Number(argv[++i]);
    else if (a === "--repeats") o.repeats = list(argv[++i]);
    else if (a === "--structured-repeats") o.structuredRepeats = Number(argv[++i]);
    else if (a === "--no-peer") o.peer = false;
    else if (a === "--peer-coretype") o.peerCoretype = String(argv[++i]);
    else if (a === "--peer-timeout") o.peerTimeout = Number(argv[++i]);
    else if (a === "--ours-timeout") o.oursTimeout = Number(argv[++i]);
    else if (a === "--keep-matrices") o.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.Ls.length || !o.Ls.every((L) => Number.isInteger(L) && L >= 2)) throw new Error("--L must be a comma-separated list of integers ≥ 2");
  if (!o.Ws.every((w) => Number.isFinite(w) && w > 0)) throw new Error("--W must be a comma-separated list of numbers > 0 (may be empty: --W '')");
  if (!o.repeats.length || !o.repeats.every((r) => Number.isInteger(r) && r >= 1)) throw new Error("--repeats must be a comma-separated list of integers ≥ 1 (one per L; the last one is reused)");
  if (!(Number.isInteger(o.structuredRepeats) && o.structuredRepeats >= 1)) throw new Error("--structured-repeats must be an integer ≥ 1");
  if (!Number.isInteger(o.seed)) throw new Error("--seed must be an integer");
  if (!(o.peerTimeout > 0) || !(o.oursTimeout > 0)) throw new Error("timeouts must be > 0 (seconds)");
  return o;
}


interface PeerOut {
  L: number;
  seconds: number;
  all: number[];
  repeats: number;
  peak_rss_mb: number;
  eig_min: number;
  eig_max: number;
  hermiticity: number;
  versions: Record<string, unknown>;
}

interface Cmat {
  re: Float64Array;
  im: Float64Array;
}

function readMatrix(file: string, L: number): Cmat {
  const b = readFileSync(file);
  if (b.byteLength !== 16 * L * L) throw new Error(`${file}: ${b.byteLength} bytes, expected ${16 * L * L}`);
  const a = new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  return { re: a.subarray(0, L * L), im: a.subarray(L * L) };
}

/** max |A − B| / max |B| (complex modulus entrywise); NaN shows. */
function relDiff(A: Cmat, B: Cmat): { maxAbs: number; scale: number; rel: number } {
  let d = 0;
  let s = 0;
  for (let p = 0; p < A.re.length; p++) {
    const e = Math.hypot(A.re[p]! - B.re[p]!, A.im[p]! - B.im[p]!);
    d = Number.isNaN(e) || Number.isNaN(d) ? NaN : Math.max(d, e);
    s = Math.max(s, Math.hypot(B.re[p]!, B.im[p]!));
  }
  return { maxAbs: d, scale: s, rel: d / s };
}

/**
 * max |M C + C M† + F| / max(γ⁺, Γ) for the tridiagonal M = i h − ½ diag(Γ) (hopping t, fields ε),
 * computed here independently of both codes in O(L²). The library normalises its own residual the
 * same way.
 */
function residualOf(C: Cmat, p: Problem): number {
  const L = p.L;
  const t = p.J / 2;
  const gp = new Float64Array(L);
  const G = new Float64Array(L);
  for (const b of p.baths) {
    if (b.type !== "source-sink") throw new Error("residualOf: source-sink baths only");
    gp[b.site - 1] += b.gammaPlus;
    G[b.site - 1] += b.gammaPlus + b.gammaMinus;
  }
  let scale = 0;
  for (let i = 0; i < L; i++) scale = Math.max(scale, gp[i]!, G[i]!);
  // M_ii = −½Γ_i + i ε_i, M_{i,i±1} = i t
  const dr = (i: number) => -0.5 * G[i]!;
  const di = (i: number) => p.fields[i]!;
  let worst = 0;
  const { re, im } = C;
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      // (M C)_ij = M_ii C_ij + i t (C_{i−1,j} + C_{i+1,j})
      const cr = re[i * L + j]!, ci = im[i * L + j]!;
      let r = dr(i) * cr - di(i) * ci;
      let q = dr(i) * ci + di(i) * cr;
      let sr = 0, si = 0;
      if (i > 0) { sr += re[(i - 1) * L + j]!; si += im[(i - 1) * L + j]!; }
      if (i < L - 1) { sr += re[(i + 1) * L + j]!; si += im[(i + 1) * L + j]!; }
      r += -t * si; q += t * sr;
      // (C M†)_ij = C_ij conj(M_jj) − i t (C_{i,j−1} + C_{i,j+1})
      r += cr * dr(j) + ci * di(j);
      q += ci * dr(j) - cr * di(j);
      let ur = 0, ui = 0;
      if (j > 0) { ur += re[i * L + j - 1]!; ui += im[i * L + j - 1]!; }
      if (j < L - 1) { ur += re[i * L + j + 1]!; ui += im[i * L + j + 1]!; }
      r += t * ui; q += -t * ur;
      if (i === j) r += gp[i]!;
      const e = Math.hypot(r, q);
      worst = Number.isNaN(e) || Number.isNaN(worst) ? NaN : Math.max(worst, e);
    }
  }
  return worst / scale;
}

/** ‖M‖_∞ (max row sum of |M_ij|) of the tridiagonal M = i h − ½ diag(Γ). */
function normM(p: Problem): number {
  const G = new Float64Array(p.L);
  for (const b of p.baths) if (b.type === "source-sink") G[b.site - 1] += b.gammaPlus + b.gammaMinus;
  let m = 0;
  for (let i = 0; i < p.L; i++) m = Math.max(m, Math.hypot(p.fields[i]!, 0.5 * G[i]!) + (p.J / 2) * ((i > 0 ? 1 : 0) + (i < p.L - 1 ? 1 : 0)));
  return m;
}

function fmtTime(s: number): string {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(s >= 0.1 ? 1 : 2)} ms`;
  return `${(s * 1e6).toFixed(0)} µs`;
}
const fmtMB = (b: number): string => (b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / 1e6).toFixed(0)} MB`);
const fmtLoad = (l: number[]): string => l.map((x) => x.toFixed(2)).join(" ");
const fmtRatio = (r: number): string => (r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toExponential(1));

function findPeerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "scipy_peer.py"), resolve(here, "../../../bench/free-fermion/scipy_peer.py"), resolve("bench/free-fermion/scipy_peer.py")];
  return candidates.find((p) => existsSync(p));
}

type OursResult = (ChildOut & { wallSeconds: number; matrixFile: string | null }) | { failed: string };
type PeerResult = (PeerOut & { wallSeconds: number; matrixFile: string }) | { failed: string } | { skipped: string };

interface Row {
  L: number;
  chain: string;
  road: Road;
  repeats: number;
  ours: OursResult;
  /** the SciPy run on the same chain and L (shared by both roads of the uniform chain) */
  peerKey: string;
  ratio: number | null;
  vsPeer: { maxAbs: number; scale: number; rel: number } | null;
  residualHere: number | null;
  /** ε‖M‖/(2 d_min), d_min = the general road's smallest mode damping on this chain: the relative forward error a backward-stable Lyapunov solver may have */
  conditioningScale: number | null;
  load: { before: number[]; after: number[] };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const self = fileURLToPath(import.meta.url);
  const peerScript = findPeerScript();
  const outDir = resolve("bench/out");
  const workDir = join(outDir, "free-fermion");
  mkdirSync(workDir, { recursive: true });
  const started = new Date();
  const load0 = loadavg();
  const { head: gitHead, dirty: gitDirty } = gitState();
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  killChildOnSignals();
  const peerEnv = peerEnvironment(o.peerCoretype);
  const peerStop = peerStopReason(o.peer, peerScript, "scipy_peer.py");
  const repeatsAt = (k: number): number => o.repeats[Math.min(k, o.repeats.length - 1)]!;

  console.log(`XX chain, J = ${J}, source/sink (γ⁺, γ⁻) = (1, 0.5) at site 1 and (0.5, 1) at site L; chains: uniform${o.Ws.map((w) => `, disordered W = ${w} (seed ${o.seed})`).join("")}`);
  console.log(`node ${process.version}; ${machine}; load average at start ${fmtLoad(load0)}`);
  console.log(`sizes ${o.Ls.join(", ")}; repeats ${o.Ls.map((L, k) => `${repeatsAt(k)} (L = ${L})`).join(", ")}, structured ${o.structuredRepeats}; peer ${peerStop ?? `SciPy solve_continuous_lyapunov, OPENBLAS_CORETYPE=${peerEnv.OPENBLAS_CORETYPE ?? "(unset)"}`}`);

  const rows: Row[] = [];
  const peers: Record<string, PeerResult & { load?: { before: number[]; after: number[] }; problem: string }> = {};
  const twoRoad: { L: number; rel: number }[] = [];
  for (let k = 0; k < o.Ls.length; k++) {
    const L = o.Ls[k]!;
    const reps = repeatsAt(k);
    for (const W of [null, ...o.Ws]) {
      const problem = problemAt(L, W, o.seed);
      const tag = W === null ? "uniform" : `disordered-W${W}`;
      const problemFile = join(workDir, `${tag}-L${L}.json`);
      writeFileSync(problemFile, JSON.stringify(problem) + "\n");
      const peerKey = `${tag}-L${L}`;
      const roads: Road[] = W === null ? ["structured", "general"] : ["general"];
      const chainRows: Row[] = [];
      for (const road of roads) {
        const n = road === "structured" ? o.structuredRepeats : reps;
        const matrixFile = join(workDir, `C-ours-${road}-${tag}-L${L}.bin`);
        const before = loadavg();
        process.stdout.write(`L = ${L}, ${problem.chain}, ours ${road} ... `);
        const r = await run(process.execPath, [self, "--child", problemFile, road, String(n), matrixFile], process.env, o.oursTimeout);
        const co = r.status === 0 ? lastJsonLine<ChildOut>(r.stdout) : undefined;
        const ours: OursResult = co ? { ...co, wallSeconds: r.wallSeconds, matrixFile: co.error ? null : matrixFile } : { failed: failure(r, o.oursTimeout) };
        const after = loadavg();
        if ("failed" in ours) console.log(ours.failed);
        else if (ours.error) console.log(`refused: ${ours.error.code} after ${fmtTime(ours.error.afterSeconds)} (${ours.error.message.slice(0, 110)}…)`);
        else console.log(`${fmtTime(ours.seconds!)} (median of ${ours.all.length}), residual ${ours.residual!.toExponential(1)}${ours.eigenRoad ? `, eigen road ${ours.eigenRoad}` : ""}, peak RSS ${fmtMB(ours.maxRssKB * 1024)}`);
        const row: Row = { L, chain: problem.chain, road, repeats: n, ours, peerKey, ratio: null, vsPeer: null, residualHere: null, conditioningScale: null, load: { before, after } };
        rows.push(row);
        chainRows.push(row);
      }

      let peer: PeerResult;
      let peerLoad: { before: number[]; after: number[] } | undefined;
      if (peerStop) peer = { skipped: peerStop };
      else {
        const matrixFile = join(workDir, `C-scipy-${tag}-L${L}.bin`);
        const before = loadavg();
        process.stdout.write(`L = ${L}, ${problem.chain}, SciPy ... `);
        const r = await run("/usr/bin/python3", [peerScript!, problemFile, "--repeats", String(reps), "--out", matrixFile], peerEnv, o.peerTimeout);
        const po = r.status === 0 ? lastJsonLine<PeerOut>(r.stdout) : undefined;
        peer = po ? { ...po, wallSeconds: r.wallSeconds, matrixFile } : { failed: failure(r, o.peerTimeout) };
        peerLoad = { before, after: loadavg() };
        console.log("failed" in peer ? peer.failed : `${fmtTime(peer.seconds)} (median of ${peer.repeats}), peak RSS ${fmtMB(peer.peak_rss_mb * 2 ** 20)}`);
      }
      // ---- compare (then drop the matrices)
      const peerC = "matrixFile" in peer ? readMatrix(peer.matrixFile, L) : null;
      if (peerC && "matrixFile" in peer) (peer as PeerOut & { residualHere?: number }).residualHere = residualOf(peerC, problem);
      peers[peerKey] = { ...peer, load: peerLoad, problem: problemFile };
      const oursC: Partial<Record<Road, Cmat>> = {};
      for (const row of chainRows) {
        if ("failed" in row.ours || !row.ours.matrixFile) continue;
        const C = readMatrix(row.ours.matrixFile, L);
        oursC[row.road] = C;
        row.residualHere = residualOf(C, problem);
        if (peerC && "seconds" in peer) {
          row.vsPeer = relDiff(C, peerC);
          row.ratio = row.ours.seconds! / peer.seconds;
        }
      }
      const gen = chainRows.find((x) => x.road === "general" && !("failed" in x.ours) && x.ours.minDamping !== null);
      if (gen) {
        const dmin = (gen.ours as ChildOut).minDamping!;
        for (const row of chainRows) row.conditioningScale = (Number.EPSILON * normM(problem)) / (2 * dmin);
      }
      if (oursC.structured && oursC.general) twoRoad.push({ L, rel: relDiff(oursC.general, oursC.structured).rel });
      if (!o.keep) {
        for (const row of chainRows) if (!("failed" in row.ours) && row.ours.matrixFile) rmSync(row.ours.matrixFile, { force: true });
        if ("matrixFile" in peer) rmSync(peer.matrixFile, { force: true });
      }
    }
  }
  const load1 = loadavg();

  // ---- table
  const head = ["L", "chain", "ours road", "ours", "runs", "ours peak RSS", "SciPy", "runs", "SciPy peak RSS", "ours / SciPy", "max|ΔC|/max|C|", "residual ours", "residual SciPy", "ours: eigen road"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    const p = peers[r.peerKey]!;
    const pd = "seconds" in p ? (p as PeerOut & { residualHere?: number }) : null;
    const od = "failed" in r.ours ? null : r.ours;
    const oursCell = !od ? `— (${(r.ours as { failed: string }).failed})` : od.error ? `refused: \`${od.error.code}\` (after ${fmtTime(od.error.afterSeconds)})` : fmtTime(od.seconds!);
    lines.push(
      `| ${[
        r.L,
        r.chain,
        r.road,
        oursCell,
        od && !od.error ? String(od.all.length) : "—",
        od ? fmtMB(od.maxRssKB * 1024) : "—",
        pd ? fmtTime(pd.seconds) : `— (${"failed" in p ? p.failed : (p as { skipped: string }).skipped})`,
        pd ? String(pd.repeats) : "—",
        pd ? fmtMB(pd.peak_rss_mb * 2 ** 20) : "—",
        r.ratio !== null ? fmtRatio(r.ratio) : "—",
        r.vsPeer ? r.vsPeer.rel.toExponential(1) : "—",
        r.residualHere !== null ? r.residualHere.toExponential(1) : "—",
        pd && pd.residualHere !== undefined ? pd.residualHere.toExponential(1) : "—",
        od && !od.error ? (od.eigenRoad ?? "— (closed form)") : "—",
      ].join(" | ")} |`,
    );
  }
  const table = lines.join("\n");

  // ---- verdicts
  const verdicts: string[] = [];
  const rs = rows.find((r) => r.L === TARGET_L && r.road === "structured");
  if (!rs) verdicts.push(`NOT MEASURED: structured road within ${TARGET_RATIO}× of SciPy at L = ${TARGET_L} (L = ${TARGET_L} not in --L)`);
  else if (rs.ratio === null || !rs.vsPeer) verdicts.push(`NOT MEASURED: structured road within ${TARGET_RATIO}× of SciPy at L = ${TARGET_L} (no ratio: ${"failed" in rs.ours ? rs.ours.failed : "the SciPy run gave no result"})`);
  else {
    const ok = rs.ratio <= TARGET_RATIO;
    const p = peers[rs.peerKey] as PeerOut;
    verdicts.push(
      `${ok ? "PASS" : "FAIL"}: structured road, uniform chain, L = ${TARGET_L}: ours / SciPy = ${fmtRatio(rs.ratio)} (ours ${fmtTime((rs.ours as ChildOut).seconds!)}, SciPy ${fmtTime(p.seconds)}, i.e. SciPy / ours = ${(1 / rs.ratio).toFixed(0)}×; target ≤ ${TARGET_RATIO}); C agrees with SciPy's to ${rs.vsPeer.rel.toExponential(1)} relative (see the cross-check notes)`,
    );
  }
  for (const r of rows.filter((x) => x.road === "general" && x.L === TARGET_L)) {
    const od = "failed" in r.ours ? null : r.ours;
    if (r.ratio !== null && r.vsPeer) verdicts.push(`NO TARGET (reported): general road, ${r.chain}, L = ${TARGET_L}: ours / SciPy = ${fmtRatio(r.ratio)} (ours ${fmtTime(od!.seconds!)}, SciPy ${fmtTime((peers[r.peerKey] as PeerOut).seconds)}); C agrees to ${r.vsPeer.rel.toExponential(1)}`);
    else verdicts.push(`NO TARGET (reported): general road, ${r.chain}, L = ${TARGET_L}: no ratio (${!od ? (r.ours as { failed: string }).failed : od.error ? `ours refused: ${od.error.code}` : "SciPy gave no result"})`);
  }

  const notes: string[] = [];
  for (const road of ["structured", "general"] as const) {
    const compared = rows.filter((r) => r.vsPeer && r.road === road);
    if (!compared.length) continue;
    const worst = Math.max(...compared.map((r) => r.vsPeer!.rel));
    const tol = (r: Row) => Math.max(AGREE, r.conditioningScale ?? 0);
    const above = compared.filter((r) => !(r.vsPeer!.rel <= AGREE));
    const bad = compared.filter((r) => !(r.vsPeer!.rel <= tol(r)));
    notes.push(
      `- Cross-check ${road} road ${bad.length ? "FAILS" : above.length ? "OK within the conditioning" : "OK"}: max |C_ours − C_SciPy| / max |C_SciPy| = ${worst.toExponential(1)} (` +
        compared.map((r) => `${r.chain} L = ${r.L}: ${r.vsPeer!.rel.toExponential(1)}${r.conditioningScale !== null ? ` [ε‖M‖/2d_min = ${r.conditioningScale.toExponential(1)}]` : ""}`).join("; ") +
        `). Expected ≤ ${AGREE}` + (above.length ? `; above it: ${above.map((r) => `${r.chain} L = ${r.L}`).join(", ")}` : "") +
        (bad.length ? `; above max(${AGREE}, ε‖M‖/2d_min): ${bad.map((r) => `${r.chain} L = ${r.L}`).join(", ")}.` : "."),
    );
  }
  if (twoRoad.length) {
    notes.push(`- Two roads, uniform chain: max |C_general − C_structured| / max |C_structured| = ${twoRoad.map((x) => `${x.rel.toExponential(1)} (L = ${x.L})`).join(", ")}.`);
    const structuredRows = rows.filter((r) => r.road === "structured" && r.residualHere !== null);
    if (structuredRows.length && structuredRows.every((r) => r.residualHere! <= 1e-15))
      notes.push(`- The structured C satisfies the equation to ${Math.max(...structuredRows.map((r) => r.residualHere!)).toExponential(1)} (residual computed here), i.e. it is the exact solution up to the rounding of its entries; on the uniform chain the differences above are therefore the forward errors of SciPy's C and of our general road's C. The scale ε‖M‖/(2 d_min) (d_min = smallest mode damping −max Re λ(M), from the general road) is the forward error a backward-stable solver may make: the Lyapunov operator's separation is 2 d_min.`);
  }
  const builds = [...new Set(rows.filter((r) => !("failed" in r.ours)).map((r) => (r.ours as ChildOut).build))];
  notes.push(builds.length > 1 ? `- WARNING: the compiled library changed during the run (another job rebuilt dist/): ${builds.length} different builds were loaded by the children (${builds.join(", ")}; per row in the JSON).` : `- One library build for all children (fingerprint ${builds[0] ?? "—"} of ${LIBRARY_FILES.join(", ")}).`);
  const refused = rows.filter((r) => !("failed" in r.ours) && r.ours.error);
  for (const r of refused) {
    const od = r.ours as ChildOut;
    const p = peers[r.peerKey]!;
    const pd = "seconds" in p ? (p as PeerOut & { residualHere?: number }) : null;
    notes.push(
      `- ${r.chain}, L = ${r.L}: ours refused (\`${od.error!.code}\`: ${od.error!.message})` +
        (pd ? `; SciPy returned a C without a warning: residual ${pd.residualHere?.toExponential(1)}, eigenvalues of C in [${pd.eig_min.toExponential(3)}, ${pd.eig_max.toExponential(3)}] (a physical C has 0 ≤ C ≤ 1), max |C − C†| = ${pd.hermiticity.toExponential(1)}.` : "."),
    );
  }
  const anyPeer = Object.values(peers).find((p) => "versions" in p) as PeerOut | undefined;
  if (anyPeer) {
    const v = anyPeer.versions;
    notes.push(
      `- SciPy ${v.scipy}, NumPy ${v.numpy}, Python ${v.python}; BLAS ${v.blasConfig ?? v.blasLibrary} (core ${v.blasCore ?? "?"}, ${v.blasThreads ?? "?"} threads); OPENBLAS_CORETYPE=${peerEnv.OPENBLAS_CORETYPE ?? "(unset)"}, OPENBLAS_L2_SIZE unset for the peer only. Time = \`solve_continuous_lyapunov(M, −F)\` alone (complex Schur + ztrsyl), after an untimed L = ${WARMUP_L} warm-up.`,
    );
  }
  notes.push(`- Ours: fresh child node process per road, chain and L; one untimed L = ${WARMUP_L} warm-up on the same road; \`freeFermionNess(chain, baths, { method, full: true })\` timed with performance.now() (includes building the L×L C and the library's own residual check); peak RSS = the child's process.resourceUsage().maxRSS (node itself ≈ 50 MB included). The general road tries the complex-symmetric tridiagonal QL first and falls back to the complex Schur road (\`ceig\`) when its residual exceeds 1e-10: the column "eigen road" says which one produced C; the time includes a failed first attempt.`);
  notes.push(`- Residuals: max |M C + C M† + F| / max(γ⁺, Γ) computed by this script for both codes' C (one O(L²) routine, M tridiagonal).`);
  notes.push(`- Load average (1/5/15 min) at start ${fmtLoad(load0)}, at end ${fmtLoad(load1)} (${cpus().length} cores); before/after every run in the JSON.`);

  const text = [
    `XX chain, J = 1, source/sink (1, 0.5) at site 1 and (0.5, 1) at site L; L = ${o.Ls.join(", ")}; disorder fields uniform in [−W, W], createRng(${o.seed})`,
    `${started.toISOString()}; node ${process.version}; ${machine}; git ${gitHead ?? "?"}${gitDirty ? ` + ${gitDirty} changed/untracked entries under src/` : ""}; run from ${self}`,
    "",
    table,
    "",
    ...verdicts,
    "",
    ...notes,
  ].join("\n");
  console.log("\n" + text);

  writeFileSync(join(outDir, "free-fermion.md"), text + "\n");
  const json = {
    date: started.toISOString(),
    node: process.version,
    machine,
    git: { head: gitHead, dirtyEntriesUnderSrc: gitDirty },
    script: self,
    options: o,
    params: { J, baths: "source-sink site 1 (gammaPlus 1, gammaMinus 0.5), site L (gammaPlus 0.5, gammaMinus 1)", warmupL: WARMUP_L, peerEnv: { OPENBLAS_CORETYPE: peerEnv.OPENBLAS_CORETYPE ?? null, OPENBLAS_L2_SIZE: null } },
    loadavg: { start: load0, end: load1 },
    rows,
    peers,
    twoRoad,
    verdicts,
    notes,
    table,
  };
  writeFileSync(join(outDir, "free-fermion.json"), JSON.stringify(json, null, 1) + "\n");
  console.log(`\nwrote ${join(outDir, "free-fermion.md")} and ${join(outDir, "free-fermion.json")}`);
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") {
  try {
    child(argv[1]!, argv[2] as Road, Number(argv[3]), argv[4]!);
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
