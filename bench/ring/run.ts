/**
 * Ring benchmark ([P3], CONVENTIONS §6): a Δ sweep of the four-spin ring with Redfield baths
 * at the paper's point (J = 1, h2 = 2, h3 = 1, T_L = 2, T_R = 1, γ = 0.01, ωc = 10), Δ on
 * `--points` (default 500) equally spaced values in [−3, 4], timed side by side with QuTiP 4.7
 * (`bloch_redfield_tensor(use_secular=False)` + `steadystate` + heat current per point, child
 * process `/usr/bin/python3 bench/ring/qutip_peer.py`) in one run.
 *
 * Roads timed (each computes the NESS and the left heat current J_L at every point):
 *   exact-sector     nessref/exact solveRing4 (sector 2, bit-string blocks, real LU)
 *   general-sector   nessref/open redfieldNess on the sector-2 block (complex null vector)
 *   general-full     nessref/open redfieldNessWithCharges on the 16-state space, the five sector
 *                    projectors with weights [0, 0, 1, 0, 0] fixing sector 2 (bordered complex LU)
 *   qutip-sector     QuTiP on the sector-2 block (steadystate: default direct LU)
 *   qutip-full       QuTiP on the 16-state space, steadystate(method="svd"): the default direct
 *                    LU fails there ("failed to factorize", 5-dimensional kernel) and the SVD
 *                    returns an arbitrary member of the kernel without saying so — timed for
 *                    scale only, on `--full-points` (default: all) points, compared per point.
 *
 * Timing: one warm-up sweep, then the median of `--repeats` (default 3) full sweeps for ours;
 * QuTiP: one untimed warm-up point, then a single sweep (≈ 12 s sector, ≈ 9 min full).
 *
 * Cross-check in the same run: the sector-2 J_L of every nessref road against QuTiP's sector-2
 * J_L, point by point (max relative difference |ours − qutip|/|qutip| printed).
 *
 * Usage: node dist/bench/ring/run.js [--points 500] [--full-points 500] [--repeats 3] [--no-qutip]
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { solveRing4 } from "../../src/exact/ring4.js";
import { paperRing, restrictToSector, ringHamiltonian } from "../../src/models/ring.js";
import { ohmicRate, redfieldHeatCurrent, redfieldNess, redfieldNessWithCharges, type RedfieldCoupling } from "../../src/open/redfield.js";
import { complexMatrix } from "../../src/linalg/matrix.js";
import { embed, pauli, sectorBasis } from "../../src/quantum/index.js";

const P = { J: 1, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10 };
const DMIN = -3;
const DMAX = 4;
const TARGET = 20;

function parseArgs(argv: string[]): { points: number; fullPoints: number | undefined; repeats: number; qutip: boolean } {
  const o: { points: number; fullPoints: number | undefined; repeats: number; qutip: boolean } = { points: 500, fullPoints: undefined, repeats: 3, qutip: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--points") o.points = Number(argv[++i]);
    else if (a === "--full-points") o.fullPoints = Number(argv[++i]);
    else if (a === "--repeats") o.repeats = Math.max(1, Number(argv[++i]));
    else if (a === "--no-qutip") o.qutip = false;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!(Number.isInteger(o.points) && o.points >= 2)) throw new Error("--points must be an integer ≥ 2");
  return o;
}

function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

function exactSector(deltas: number[]): number[] {
  return deltas.map((delta) => solveRing4({ ...P, delta, sector: 2 }).heatCurrentLeft);
}

function generalSector(deltas: number[]): number[] {
  const B = sectorBasis(4, 2);
  const SL = restrictToSector(embed(pauli("z"), [1], 4), B);
  const SR = restrictToSector(embed(pauli("z"), [3], 4), B);
  return deltas.map((delta) => {
    const H = restrictToSector(ringHamiltonian(paperRing(P.J, delta, P.h2, P.h3)), B);
    const cL: RedfieldCoupling = { S: SL, G: ohmicRate(P.gamma, P.omegaC, P.TL) };
    const cR: RedfieldCoupling = { S: SR, G: ohmicRate(P.gamma, P.omegaC, P.TR) };
    const { rho } = redfieldNess(H, [cL, cR]);
    return redfieldHeatCurrent(H, cL, rho);
  });
}

function generalFull(deltas: number[]): number[] {
  const SL = embed(pauli("z"), [1], 4);
  const SR = embed(pauli("z"), [3], 4);
  const proj = [0, 1, 2, 3, 4].map((k) => {
    const M = complexMatrix(16, 16);
    for (const s of sectorBasis(4, k).states) M.re[s * 16 + s] = 1;
    return M;
  });
  return deltas.map((delta) => {
    const H = ringHamiltonian(paperRing(P.J, delta, P.h2, P.h3));
    const cL: RedfieldCoupling = { S: SL, G: ohmicRate(P.gamma, P.omegaC, P.TL) };
    const cR: RedfieldCoupling = { S: SR, G: ohmicRate(P.gamma, P.omegaC, P.TR) };
    const { rho } = redfieldNessWithCharges(H, [cL, cR], proj, [0, 0, 1, 0, 0]);
    return redfieldHeatCurrent(H, cL, rho);
  });
}

interface PeerOut {
  mode: string;
  points: number;
  seconds: number;
  phases: { tensor: number; steadystate: number; current: number };
  heatCurrentLeft: number[];
  sectorWeights?: number[][];
  versions: Record<string, string>;
  blas: Record<string, unknown>;
}

function findPeerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "qutip_peer.py"), resolve(here, "../../../bench/ring/qutip_peer.py"), resolve("bench/ring/qutip_peer.py")];
  return candidates.find((p) => existsSync(p));
}

function runPeer(mode: "sector" | "full", n: number): PeerOut | { error: string } {
  const script = findPeerScript();
  if (!script) return { error: "qutip_peer.py not found" };
  if (!existsSync("/usr/bin/python3")) return { error: "/usr/bin/python3 not found (Debian python3-qutip)" };
  // FACTS.md: OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set for correctness on this
  // machine; the benchmark unsets both in the peer's environment only.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync("/usr/bin/python3", [script, mode, String(n), String(DMIN), String(DMAX)], { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) return { error: `QuTiP peer (${mode}) failed (${r.status}): ${r.stderr || r.error?.message}` };
  return JSON.parse(r.stdout) as PeerOut;
}

/** Median seconds of `repeats` sweeps after one warm-up sweep; also all times and the last output. */
function timeSweep(f: () => number[], repeats: number): { secs: number; all: number[]; out: number[] } {
  f(); // warm-up (JIT)
  const ts: number[] = [];
  let out: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    out = f();
    ts.push((performance.now() - t0) / 1000);
  }
  return { secs: median(ts), all: ts, out };
}

/** max |a − b| / |b|, max |a − b|, min |b| (no floor on the denominator). */
function compare(a: number[], b: number[]): { rel: number; abs: number; minRef: number; at: number } {
  let rel = 0;
  let abs = 0;
  let minRef = Infinity;
  let at = -1;
  let bad = false; // a NaN anywhere (or a zero reference) must show, not vanish in a max
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    const r = d / Math.abs(b[i]!);
    if (!Number.isFinite(r)) bad = true;
    if (r > rel || at < 0) {
      rel = r;
      at = i;
    }
    abs = Math.max(abs, d);
    minRef = Math.min(minRef, Math.abs(b[i]!));
  }
  return { rel: bad ? NaN : rel, abs: bad ? NaN : abs, minRef, at };
}

function fmt(s: number): string {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(s >= 0.1 ? 1 : 2)} ms`;
  return `${(s * 1e6).toFixed(0)} µs`;
}

function main(): void {
  const { points, fullPoints: fp, repeats, qutip } = parseArgs(process.argv.slice(2));
  const fullPoints = fp ?? points;
  const deltas = linspace(DMIN, DMAX, points);
  const load0 = loadavg();
  const started = new Date();

  console.log(`Ring Δ sweep, J = ${P.J}, h2 = ${P.h2}, h3 = ${P.h3}, T_L = ${P.TL}, T_R = ${P.TR}, γ = ${P.gamma}, ωc = ${P.omegaC}, Δ ∈ [${DMIN}, ${DMAX}], ${points} points`);
  console.log(`node ${process.version}; load average at start ${load0.map((x) => x.toFixed(2)).join(" ")}`);
  console.log("timing nessref (warm-up sweep + median of " + repeats + ") ...");
  const ex = timeSweep(() => exactSector(deltas), repeats);
  const gs = timeSweep(() => generalSector(deltas), repeats);
  const gf = timeSweep(() => generalFull(deltas), repeats);

  let qs: PeerOut | { error: string } = { error: "disabled (--no-qutip)" };
  let qf: PeerOut | { error: string } = { error: "disabled (--no-qutip)" };
  if (qutip) {
    console.log(`timing QuTiP sector 2 (${points} points, one sweep) ...`);
    qs = runPeer("sector", points);
    console.log(`timing QuTiP full space (${fullPoints} points, one sweep; ~1 s per point) ...`);
    qf = runPeer("full", fullPoints);
  }
  const load1 = loadavg();
  const qsOk = "seconds" in qs ? qs : undefined;
  const qfOk = "seconds" in qf ? qf : undefined;
  if (!qsOk) console.log(`QuTiP sector: ${(qs as { error: string }).error}`);
  if (!qfOk) console.log(`QuTiP full: ${(qf as { error: string }).error}`);
  if (qsOk && qsOk.heatCurrentLeft.length !== points) throw new Error("QuTiP sector peer returned the wrong number of points");

  // --- table ---
  const rows: string[][] = [];
  const json: Record<string, unknown>[] = [];
  const per = (secs: number, n: number): number => secs / n;
  const add = (road: string, n: number, secs: number, runs: string, peerPer: number | undefined): number => {
    const p = per(secs, n);
    const ratio = peerPer === undefined ? NaN : peerPer / p;
    rows.push([road, String(n), fmt(secs), fmt(p), runs, Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : "—"]);
    json.push({ road, points: n, seconds: secs, perPoint: p, runs, ratioQutipOverOurs: Number.isFinite(ratio) ? ratio : null });
    return ratio;
  };
  const qsPer = qsOk ? per(qsOk.seconds, qsOk.points) : undefined;
  const qfPer = qfOk ? per(qfOk.seconds, qfOk.points) : undefined;
  const med = `median of ${repeats}`;
  const rEx = add("nessref exact road, sector 2 (solveRing4)", points, ex.secs, med, qsPer);
  const rGs = add("nessref general road, sector 2 (redfieldNess)", points, gs.secs, med, qsPer);
  if (qsOk) add("QuTiP sector 2 (6×6 block)", qsOk.points, qsOk.seconds, "1 run", undefined);
  const rGf = add("nessref general road, full 16 states (redfieldNessWithCharges)", points, gf.secs, med, qfPer);
  if (qfOk) add('QuTiP full 16 states (steadystate method="svd")', qfOk.points, qfOk.seconds, "1 run", undefined);

  const head = ["road", "points", "total", "per point", "runs", "QuTiP / ours (per point)"];
  const table = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

  const verdicts: string[] = [];
  const verdict = (name: string, r: number): void => {
    if (Number.isFinite(r)) verdicts.push(`${r >= TARGET ? "PASS" : "MISS"}: ${name}: ${r.toFixed(1)}× faster than QuTiP per point (target ≥ ${TARGET}×)`);
    else verdicts.push(`— : ${name}: QuTiP not measured`);
  };
  verdict("sector 2, exact road vs QuTiP sector", rEx);
  verdict("sector 2, general road vs QuTiP sector", rGs);
  verdict("full space, general road vs QuTiP full (QuTiP's full-space state is arbitrary: scale only)", rGf);

  // --- cross-check ---
  const notes: string[] = [];
  let cross: Record<string, ReturnType<typeof compare>> | null = null;
  if (qsOk) {
    cross = { exact: compare(ex.out, qsOk.heatCurrentLeft), general: compare(gs.out, qsOk.heatCurrentLeft), generalFull: compare(gf.out, qsOk.heatCurrentLeft) };
    const c = (k: string): string => {
      const x = cross![k]!;
      return `${k} ${x.rel.toExponential(2)} (at Δ = ${deltas[x.at]!.toFixed(4)}; max abs ${x.abs.toExponential(2)})`;
    };
    notes.push(
      `cross-check, sector-2 J_L vs QuTiP sector-2 J_L at all ${points} points, max |ours − qutip|/|qutip| (no floor; min |J_L| = ${cross.exact!.minRef.toExponential(2)}): ${c("exact")}, ${c("general")}, ${c("generalFull")}`,
    );
    const worst = Math.max(cross.exact!.rel, cross.general!.rel, cross.generalFull!.rel);
    notes.push(`cross-check ${worst <= 1e-10 ? "OK" : "FAILS"} against 1e-10`);
  }
  if (qsOk && qfOk) {
    const ph = (q: PeerOut): string =>
      `tensors ${((100 * q.phases.tensor) / q.seconds).toFixed(0)}%, steadystate ${((100 * q.phases.steadystate) / q.seconds).toFixed(0)}%, heat current (one-bath tensor) ${((100 * q.phases.current) / q.seconds).toFixed(0)}%`;
    notes.push(`QuTiP time split — sector: ${ph(qsOk)}; full: ${ph(qfOk)}`);
  }
  if (qfOk?.sectorWeights) {
    const w2 = qfOk.sectorWeights.map((w) => w[2]!);
    const wmin = Math.min(...qfOk.sectorWeights.flat());
    notes.push(
      `QuTiP full: the state steadystate returns is an arbitrary kernel member: its sector-2 weight ranges over [${Math.min(...w2).toFixed(3)}, ${Math.max(...w2).toFixed(3)}] across Δ, smallest sector weight ${wmin.toFixed(3)}${wmin < -1e-8 ? " (negative: not even a density matrix)" : ""}; its J_L is not compared`,
    );
  }
  const versions = qsOk ? `QuTiP ${qsOk.versions.qutip}, NumPy ${qsOk.versions.numpy}, SciPy ${qsOk.versions.scipy}, Python ${qsOk.versions.python}, BLAS ${String(qsOk.blas.library)} (${String(qsOk.blas.threads ?? "?")} threads)` : "QuTiP not run";
  const openblasEnv = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"].map((k) => `${k}=${process.env[k] ?? "(unset)"}`).join(", ");

  const text = [
    `Ring Δ sweep, J = ${P.J}, h2 = ${P.h2}, h3 = ${P.h3}, T_L = ${P.TL}, T_R = ${P.TR}, γ = ${P.gamma}, ωc = ${P.omegaC}, Δ ∈ [${DMIN}, ${DMAX}]`,
    `${started.toISOString()}; node ${process.version}; ${versions}; peer env: ${openblasEnv} here, both removed for the peer`,
    `load average (1/5/15 min) at start ${load0.map((x) => x.toFixed(2)).join(" ")}, at end ${load1.map((x) => x.toFixed(2)).join(" ")} (2 cores)`,
    `nessref: one warm-up sweep, then the median of ${repeats} sweeps (all: exact ${ex.all.map(fmt).join(", ")}; general sector ${gs.all.map(fmt).join(", ")}; general full ${gf.all.map(fmt).join(", ")}); QuTiP: one warm-up point, then one sweep`,
    "",
    table,
    "",
    ...verdicts,
    ...notes,
  ].join("\n");
  console.log("\n" + text);

  const outDir = resolve("bench/out");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "ring.md"), text + "\n");
  const out = {
    date: started.toISOString(),
    node: process.version,
    params: { ...P, deltaMin: DMIN, deltaMax: DMAX, points, fullPoints, sector: 2 },
    repeats,
    loadavg: { start: load0, end: load1 },
    qutip: qsOk ? { versions: qsOk.versions, blas: qsOk.blas } : null,
    qutipErrors: { sector: "error" in qs ? qs.error : null, full: "error" in qf ? qf.error : null },
    results: json,
    nessrefRuns: { exact: ex.all, generalSector: gs.all, generalFull: gf.all },
    qutipPhases: { sector: qsOk?.phases ?? null, full: qfOk?.phases ?? null },
    crossCheck: cross,
    verdicts,
    notes,
    heatCurrentLeft: { deltas, exact: ex.out, generalSector: gs.out, generalFull: gf.out, qutipSector: qsOk?.heatCurrentLeft ?? null },
  };
  writeFileSync(join(outDir, "ring.json"), JSON.stringify(out, null, 1) + "\n");
  console.log(`\nwrote ${join(outDir, "ring.md")} and ${join(outDir, "ring.json")}`);
}

try {
  main();
} catch (err: unknown) {
  console.error(err);
  process.exitCode = 1;
}
