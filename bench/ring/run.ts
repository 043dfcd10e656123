/**
 * Ring benchmark ([P3], CONVENTIONS §6): a Δ sweep of the four-spin ring with Redfield baths
 * at the paper's point (J = 1, h2 = 2, h3 = 1, T_L = 2, T_R = 1, γ = 0.01, ωc = 10), Δ on
 * `--points` (default 500) values in [−3, 4], timed side by side with QuTiP 4.7
 * (`bloch_redfield_tensor(use_secular=False)` + `steadystate` per point, child process
 * `/usr/bin/python3 bench/ring/qutip_peer.py`) in one run.
 *
 * Roads timed (each computes the NESS and the left heat current J_L at every point):
 *   exact-sector     nessref/exact solveRing4 (sector 2, bit-string blocks, real LU)
 *   general-sector   nessref/open redfieldNess on the sector-2 block (complex null vector)
 *   general-full     nessref/open redfieldNessWithCharges on the 16-state space with the five
 *                    sector projectors fixing sector 2 (bordered complex LU)
 *   qutip-sector     QuTiP on the sector-2 block
 *   qutip-full       QuTiP on the 16-state space with steadystate(method="svd") (its direct LU
 *                    fails on the 5-dimensional kernel; the SVD member is arbitrary), on
 *                    `--full-points` (default 50) points because each takes ~1 s; compared per point.
 *
 * Cross-check in the same run: the sector-2 J_L of every nessref road against QuTiP's, point by
 * point (max relative difference printed).
 *
 * Usage: node dist/bench/ring/run.js [--points 500] [--full-points 50] [--repeats 3]
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { solveRing4 } from "../../src/exact/ring4.js";
import { paperRing, restrictToSector, ringHamiltonian } from "../../src/models/ring.js";
import { ohmicRate, redfieldHeatCurrent, redfieldNess, redfieldNessWithCharges, type RedfieldCoupling } from "../../src/open/redfield.js";
import { complexMatrix } from "../../src/linalg/matrix.js";
import { embed, pauli } from "../../src/quantum/spin.js";
import { sectorBasis } from "../../src/quantum/sectors.js";

const P = { J: 1, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10 };
const DMIN = -3;
const DMAX = 4;

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => (n === 1 ? a : a + ((b - a) * k) / (n - 1)));
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
  heatCurrentLeft: number[];
  versions: Record<string, string>;
}

function qutip(script: string, mode: string, n: number): PeerOut {
  const r = spawnSync("/usr/bin/python3", [script, mode, String(n), String(DMIN), String(DMAX)], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`QuTiP peer (${mode}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PeerOut;
}

function time(f: () => number[], repeats: number): { secs: number; out: number[] } {
  f(); // warm-up (JIT)
  const ts: number[] = [];
  let out: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    out = f();
    ts.push((performance.now() - t0) / 1000);
  }
  return { secs: median(ts), out };
}

function maxRel(a: number[], b: number[]): number {
  let scale = 0;
  for (const x of b) scale = Math.max(scale, Math.abs(x));
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-3 * scale));
  return m;
}

function fmt(s: number): string {
  return s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(1)} ms`;
}

function main(): void {
  const points = arg("--points", 500);
  const fullPoints = arg("--full-points", 50);
  const repeats = arg("--repeats", 3);
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, "..", "..", "..");
  const script = join(root, "bench", "ring", "qutip_peer.py");
  const deltas = linspace(DMIN, DMAX, points);

  const ex = time(() => exactSector(deltas), repeats);
  const gs = time(() => generalSector(deltas), repeats);
  const gf = time(() => generalFull(deltas), 1);
  const qs = qutip(script, "sector", points);
  const qf = existsSync("/usr/bin/python3") ? qutip(script, "full", fullPoints) : null;

  const per = (secs: number, n: number) => secs / n;
  const rows: string[][] = [];
  const target = 20;
  const lines: string[] = [];
  const add = (road: string, n: number, secs: number, peerPer: number | null) => {
    const p = per(secs, n);
    const ratio = peerPer === null ? NaN : peerPer / p;
    rows.push([road, String(n), fmt(secs), fmt(p), Number.isFinite(ratio) ? ratio.toFixed(1) : "—"]);
    return ratio;
  };
  const qsPer = per(qs.seconds, qs.points);
  const qfPer = qf ? per(qf.seconds, qf.points) : null;
  const rEx = add("nessref exact-sector (sector 2)", points, ex.secs, qsPer);
  const rGs = add("nessref general-sector (sector 2)", points, gs.secs, qsPer);
  add("QuTiP sector 2", qs.points, qs.seconds, null);
  const rGf = add("nessref general-full (16 states, charges)", points, gf.secs, qfPer);
  if (qf) add("QuTiP full (16 states, steadystate svd)", qf.points, qf.seconds, null);

  const cross = { exact: maxRel(ex.out, qs.heatCurrentLeft), general: maxRel(gs.out, qs.heatCurrentLeft), full: maxRel(gf.out, qs.heatCurrentLeft) };
  const verdict = (name: string, r: number) => lines.push(`${r >= target ? "PASS" : "MISS"}: ${name} ${r.toFixed(1)}× faster than QuTiP per point (target ≥ ${target}×)`);
  verdict("exact-sector vs QuTiP sector", rEx);
  verdict("general-sector vs QuTiP sector", rGs);
  if (qf) verdict("general-full vs QuTiP full", rGf);

  const head = ["road", "points", "total", "per point", "QuTiP / ours (per point)"];
  const table = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  const text = [
    `Ring Δ sweep, J = 1, h2 = 2, h3 = 1, T_L = 2, T_R = 1, γ = 0.01, ωc = 10, Δ ∈ [${DMIN}, ${DMAX}]`,
    `node ${process.version}; QuTiP ${qs.versions.qutip}, NumPy ${qs.versions.numpy}, Python ${qs.versions.python}; medians of ${repeats} (nessref sector roads), single runs otherwise`,
    "",
    table,
    "",
    ...lines,
    `cross-check, sector-2 J_L against QuTiP at all ${points} points (max relative difference): exact ${cross.exact.toExponential(2)}, general ${cross.general.toExponential(2)}, general-full ${cross.full.toExponential(2)}`,
  ].join("\n");
  console.log(text);
  const outDir = join(root, "bench", "out");
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "ring.md"), text + "\n");
}

main();
