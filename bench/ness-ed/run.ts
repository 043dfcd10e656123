/**
 * ED NESS benchmark (the issue's benchmark): the XXZ chain with two target baths, timed side by
 * side with QuTiP's `steadystate` in one run.
 *
 * Problem at every L (CONTRACT `lindblad-ness`, method "ed"): H = XXZ with J = 1, Δ = 1 and
 * fields h_i = `drawFields(L, 0.6, seed)` (uniform in [−0.6, 0.6], fixed seed, passed to both
 * codes as the same explicit `fields` array); target baths on (1, 2) with β = 0.2 and on
 * (L−1, L) with β = 0.4, μ = 0, rate 1. Sizes L = 6, 7, 8, 9, 10 by default.
 *
 * Ours: one fresh child node process per L (`process.execPath` running this compiled script
 * with `--child PROBLEM.json`): one untimed L = 5 solve (JIT warm-up), then `solve(problem)`
 * timed with `performance.now()`; the child reports `process.resourceUsage().maxRSS` (its peak
 * resident memory, KB), the diagnostics (iterations, relative residual) and the observables.
 *
 * Peer: one fresh `/usr/bin/python3 bench/ness-ed/qutip_peer.py PROBLEM.json` per L (QuTiP 4.7
 * `steadystate`, default direct sparse LU; its time is `steadystate` alone, which includes
 * building the Liouvillian; building the operators in Python is reported separately), with a
 * timeout (`--peer-timeout`, default 600 s), only for L ≤ `--peer-max-L` (default 8: FACTS.md,
 * L = 8 ≈ 150–250 s and 3.7 GB, L = 9 ran out of memory after 44 min), and no larger L is
 * tried after a timeout or a failure (e.g. out of memory). `OPENBLAS_CORETYPE` and
 * `OPENBLAS_L2_SIZE` are removed from the peer's environment only (as in bench/linalg, ring).
 *
 * Everything runs sequentially (ours at L, then the peer at L, then the next L): the machine has
 * 2 cores. The load average is recorded around every run.
 *
 * Targets of the issue (printed as PASS / MISS): ≥ 20× faster than QuTiP at L = 8 in the same
 * run; L = 10 solved in < 10 minutes and < 8 GB (peak RSS of the child, 8 GB = 8·10⁹ bytes).
 *
 * Usage: node dist/bench/ness-ed/run.js [--L 6,7,8,9,10] [--no-peer] [--peer-timeout 600]
 *        [--peer-max-L 8] [--ours-timeout 1800] [--seed 1]
 *
 * Output: a Markdown table on stdout (also bench/out/ness-ed.md), everything to
 * bench/out/ness-ed.json; the problems solved are written to bench/out/ness-ed/L<L>.json.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drawFields } from "../../src/models/chain.js";
import { solve } from "../../src/problem/index.js";
import { failure, lastJsonLine, run } from "../common/child.js";
import { killChildOnSignals } from "../common/context.js";

const W = 0.6;
const DEFAULT_SEED = 1;
const TARGET_RATIO = 20;
const TARGET_L = 10;
const TARGET_SECONDS = 600;
const TARGET_BYTES = 8e9;
const WARMUP_L = 5;
const QUANTITIES = ["magnetization", "spinCurrent", "energyCurrent", "bondEnergy"] as const;
type Quantity = (typeof QUANTITIES)[number];
type Observables = Record<Quantity, number[]>;

/** The benchmark problem at size L (explicit fields, so both codes solve the same numbers). */
function problemAt(L: number, seed: number): Record<string, unknown> {
  return {
    kind: "lindblad-ness",
    method: "ed",
    hamiltonian: { type: "xxz", L, J: 1, delta: 1, fields: Array.from(drawFields(L, W, seed)) },
    baths: [
      { type: "target", sites: [1, 2], beta: 0.2, mu: 0, rate: 1 },
      { type: "target", sites: [L - 1, L], beta: 0.4, mu: 0, rate: 1 },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// child: one L in a fresh process

interface ChildOut {
  L: number;
  seconds: number;
  warmupSeconds: number;
  maxRssKB: number;
  diagnostics: Record<string, unknown>;
  observables: Observables;
}

async function child(problemFile: string, seed: number): Promise<void> {
  const problem = JSON.parse(readFileSync(problemFile, "utf8")) as Record<string, unknown>;
  const tw = performance.now();
  await solve(problemAt(WARMUP_L, seed)); // JIT warm-up, untimed
  const warmupSeconds = (performance.now() - tw) / 1000;
  const t0 = performance.now();
  const r = await solve(problem);
  const seconds = (performance.now() - t0) / 1000;
  const observables = Object.fromEntries(QUANTITIES.map((q) => [q, r[q] as number[]])) as Observables;
  const out: ChildOut = {
    L: (problem.hamiltonian as { L: number }).L,
    seconds,
    warmupSeconds,
    maxRssKB: process.resourceUsage().maxRSS,
    diagnostics: r.diagnostics as Record<string, unknown>,
    observables,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

// ---------------------------------------------------------------------------------------------
// parent

interface Opts {
  Ls: number[];
  peer: boolean;
  peerTimeout: number;
  peerMaxL: number;
  oursTimeout: number;
  seed: number;
}

function parseArgs(argv: string[]): Opts {
  const o: Opts = { Ls: [6, 7, 8, 9, 10], peer: true, peerTimeout: 600, peerMaxL: 8, oursTimeout: 1800, seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--L") o.Ls = String(argv[++i]).split(",").map((s) => Number(s.trim()));
    else if (a === "--no-peer") o.peer = false;
    else if (a === "--peer-timeout") o.peerTimeout = Number(argv[++i]);
    else if (a === "--peer-max-L") o.peerMaxL = Number(argv[++i]);
    else if (a === "--ours-timeout") o.oursTimeout = Number(argv[++i]);
    else if (a === "--seed") o.seed = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.Ls.length || !o.Ls.every((L) => Number.isInteger(L) && L >= 3)) throw new Error("--L must be a comma-separated list of integers ≥ 3");
  if (!(o.peerTimeout > 0)) throw new Error("--peer-timeout must be > 0 (seconds)");
  if (!(o.oursTimeout > 0)) throw new Error("--ours-timeout must be > 0 (seconds)");
  if (!Number.isInteger(o.peerMaxL)) throw new Error("--peer-max-L must be an integer");
  if (!Number.isInteger(o.seed)) throw new Error("--seed must be an integer");
  return o;
}


interface PeerOut {
  L: number;
  seconds: number;
  build_seconds: number;
  peak_rss_mb: number;
  qutip: string;
  magnetization: number[];
  spinCurrent: number[];
  energyCurrent: number[];
  bondEnergy: number[];
}

interface Compare {
  maxAbs: number;
  perQuantity: Record<Quantity, { maxAbs: number; scale: number; relToScale: number }>;
  maxRelToScale: number;
}

/** max |ours − peer| per quantity, and relative to the scale max(max |peer|, 1e-3) (golden/lindblad's metric). */
function compare(a: Observables, b: Observables): Compare {
  const perQuantity = {} as Compare["perQuantity"];
  let maxAbs = 0;
  let maxRel = 0;
  for (const q of QUANTITIES) {
    const x = a[q];
    const y = b[q];
    let d = x.length === y.length ? 0 : NaN;
    let scale = 1e-3;
    for (let i = 0; i < y.length; i++) {
      const e = Math.abs(x[i]! - y[i]!);
      d = Number.isNaN(e) || Number.isNaN(d) ? NaN : Math.max(d, e); // a NaN must show
      scale = Math.max(scale, Math.abs(y[i]!));
    }
    perQuantity[q] = { maxAbs: d, scale, relToScale: d / scale };
    maxAbs = Number.isNaN(d) || Number.isNaN(maxAbs) ? NaN : Math.max(maxAbs, d);
    maxRel = Number.isNaN(d) || Number.isNaN(maxRel) ? NaN : Math.max(maxRel, d / scale);
  }
  return { maxAbs, perQuantity, maxRelToScale: maxRel };
}

function fmtTime(s: number): string {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(s >= 0.1 ? 1 : 2)} ms`;
  return `${(s * 1e6).toFixed(0)} µs`;
}

function fmtBytes(b: number): string {
  return b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / 1e6).toFixed(0)} MB`;
}

const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");

function findPeerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "qutip_peer.py"), resolve(here, "../../../bench/ness-ed/qutip_peer.py"), resolve("bench/ness-ed/qutip_peer.py")];
  return candidates.find((p) => existsSync(p));
}

interface Row {
  L: number;
  problemFile: string;
  fields: number[];
  ours: (ChildOut & { wallSeconds: number; maxRssBytes: number }) | { error: string };
  peer: (PeerOut & { wallSeconds: number; peakRssBytes: number }) | { error: string; timedOutAfter: number | null } | { skipped: string };
  ratio: number | null;
  /** timeout / ours when the peer timed out: QuTiP / ours is at least this */
  ratioLowerBound: number | null;
  compare: Compare | null;
  load: { beforeOurs: number[]; afterOurs: number[]; afterPeer: number[] | null };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const self = fileURLToPath(import.meta.url);
  const peerScript = findPeerScript();
  const outDir = resolve("bench/out");
  const probDir = join(outDir, "ness-ed");
  mkdirSync(probDir, { recursive: true });
  const started = new Date();
  const load0 = loadavg();
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  killChildOnSignals();

  const peerEnv = { ...process.env };
  delete peerEnv.OPENBLAS_CORETYPE;
  delete peerEnv.OPENBLAS_L2_SIZE;
  let peerStop: string | undefined = !o.peer
    ? "disabled (--no-peer)"
    : !existsSync("/usr/bin/python3")
      ? "/usr/bin/python3 not found (Debian python3-qutip)"
      : !peerScript
        ? "qutip_peer.py not found"
        : undefined;

  console.log(`XXZ chain, J = 1, Δ = 1, fields drawFields(L, ${W}, seed ${o.seed}), target baths (1,2) β = 0.2 and (L−1,L) β = 0.4, μ = 0, rate 1`);
  console.log(`node ${process.version}; ${machine}; load average at start ${fmtLoad(load0)}`);
  console.log(`sizes ${o.Ls.join(", ")}; peer ${peerStop ?? `QuTiP for L ≤ ${o.peerMaxL}, timeout ${o.peerTimeout} s`}`);

  const rows: Row[] = [];
  for (const L of o.Ls) {
    const problem = problemAt(L, o.seed);
    const problemFile = join(probDir, `L${L}.json`);
    writeFileSync(problemFile, JSON.stringify(problem, null, 1) + "\n");
    const fields = (problem.hamiltonian as { fields: number[] }).fields;

    const beforeOurs = loadavg();
    process.stdout.write(`L = ${L}: ours ... `);
    const ro = await run(process.execPath, [self, "--child", problemFile, "--seed", String(o.seed)], process.env, o.oursTimeout);
    const co = ro.status === 0 ? lastJsonLine<ChildOut>(ro.stdout) : undefined;
    const ours: Row["ours"] = co ? { ...co, wallSeconds: ro.wallSeconds, maxRssBytes: co.maxRssKB * 1024 } : { error: failure(ro, o.oursTimeout) };
    const afterOurs = loadavg();
    console.log("error" in ours ? ours.error : `${fmtTime(ours.seconds)}, peak RSS ${fmtBytes(ours.maxRssBytes)}`);

    let peer: Row["peer"];
    let afterPeer: number[] | null = null;
    if (peerStop) peer = { skipped: peerStop };
    else if (L > o.peerMaxL) peer = { skipped: `L > --peer-max-L ${o.peerMaxL}` };
    else {
      process.stdout.write(`L = ${L}: QuTiP ... `);
      const rp = await run("/usr/bin/python3", [peerScript!, problemFile], peerEnv, o.peerTimeout);
      const po = rp.status === 0 ? lastJsonLine<PeerOut>(rp.stdout) : undefined;
      if (po) {
        peer = { ...po, wallSeconds: rp.wallSeconds, peakRssBytes: po.peak_rss_mb * 2 ** 20 };
        console.log(`${fmtTime(po.seconds)} (steadystate; build ${fmtTime(po.build_seconds)}), peak RSS ${fmtBytes(peer.peakRssBytes)}`);
      } else {
        const err = failure(rp, o.peerTimeout);
        peer = { error: err, timedOutAfter: rp.timedOut ? o.peerTimeout : null };
        peerStop = `not tried: QuTiP at L = ${L}: ${err}`;
        console.log(err);
      }
      afterPeer = loadavg();
    }

    const both = !("error" in ours) && "seconds" in peer;
    rows.push({
      L,
      problemFile,
      fields,
      ours,
      peer,
      ratio: both ? (peer as PeerOut).seconds / (ours as ChildOut).seconds : null,
      ratioLowerBound: !("error" in ours) && "timedOutAfter" in peer && peer.timedOutAfter !== null ? peer.timedOutAfter / ours.seconds : null,
      compare: both ? compare((ours as ChildOut).observables, peer as unknown as Observables) : null,
      load: { beforeOurs, afterOurs, afterPeer },
    });
  }
  const load1 = loadavg();

  // ---- table
  const head = ["L", "ours", "ours peak RSS", "iterations", "rel. residual", "QuTiP steadystate", "QuTiP peak RSS", "QuTiP / ours", "max |Δ| observables"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    const od = "error" in r.ours ? null : r.ours;
    const pd = "seconds" in r.peer ? r.peer : null;
    const pNote = "error" in r.peer ? r.peer.error : "skipped" in r.peer ? (r.peer.skipped.startsWith("L >") || r.peer.skipped.startsWith("disabled") ? "not run" : "not tried") : "";
    const diag = od?.diagnostics ?? {};
    const it = diag.iterations;
    const res = diag.residualRelative;
    lines.push(
      `| ${[
        r.L,
        od ? fmtTime(od.seconds) : `— (${(r.ours as { error: string }).error})`,
        od ? fmtBytes(od.maxRssBytes) : "—",
        it === undefined || it === null ? "—" : String(it),
        typeof res === "number" ? res.toExponential(2) : "—",
        pd ? fmtTime(pd.seconds) : `— (${pNote})`,
        pd ? fmtBytes(pd.peakRssBytes) : "—",
        r.ratio !== null ? `${r.ratio.toFixed(1)}×` : r.ratioLowerBound !== null ? `> ${r.ratioLowerBound.toFixed(1)}×` : "—",
        r.compare ? r.compare.maxAbs.toExponential(1) : "—",
      ].join(" | ")} |`,
    );
  }
  const table = lines.join("\n");

  // ---- targets
  const verdicts: string[] = [];
  const r8 = rows.find((r) => r.L === 8);
  if (!r8) verdicts.push(`NOT MEASURED: ≥ ${TARGET_RATIO}× faster than QuTiP at L = 8 (L = 8 not in --L)`);
  else if (r8.ratio === null && r8.ratioLowerBound !== null)
    verdicts.push(`${r8.ratioLowerBound >= TARGET_RATIO ? "PASS (lower bound)" : "NOT MEASURED"}: L = 8 QuTiP / ours > ${r8.ratioLowerBound.toFixed(1)}× (QuTiP timed out after ${o.peerTimeout} s, ours ${fmtTime((r8.ours as ChildOut).seconds)}; target ≥ ${TARGET_RATIO}×)`);
  else if (r8.ratio === null) verdicts.push(`NOT MEASURED: ≥ ${TARGET_RATIO}× faster than QuTiP at L = 8 (${"error" in r8.ours ? `ours: ${r8.ours.error}` : `QuTiP: ${"error" in r8.peer ? r8.peer.error : (r8.peer as { skipped: string }).skipped}`})`);
  else verdicts.push(`${r8.ratio >= TARGET_RATIO ? "PASS" : "MISS"}: L = 8 QuTiP / ours = ${r8.ratio.toFixed(1)}× (QuTiP ${fmtTime((r8.peer as PeerOut).seconds)}, ours ${fmtTime((r8.ours as ChildOut).seconds)}; target ≥ ${TARGET_RATIO}×)`);
  const r10 = rows.find((r) => r.L === TARGET_L);
  if (!r10) verdicts.push(`NOT MEASURED: L = ${TARGET_L} in < 10 min and < 8 GB (L = ${TARGET_L} not in --L)`);
  else if ("error" in r10.ours) verdicts.push(`MISS: L = ${TARGET_L} not solved (${r10.ours.error}); target < 10 min and < 8 GB`);
  else {
    const ok = r10.ours.seconds < TARGET_SECONDS && r10.ours.maxRssBytes < TARGET_BYTES;
    verdicts.push(`${ok ? "PASS" : "MISS"}: L = ${TARGET_L} solved in ${fmtTime(r10.ours.seconds)} with peak RSS ${fmtBytes(r10.ours.maxRssBytes)} (target < 10 min and < 8 GB)`);
  }

  const notes: string[] = [];
  const compared = rows.filter((r) => r.compare);
  if (compared.length) {
    const worst = Math.max(...compared.map((r) => r.compare!.maxRelToScale));
    const ok = worst <= 1e-8;
    notes.push(
      `- Cross-check ${ok ? "OK" : "FAILS"}: magnetization, spinCurrent, energyCurrent, bondEnergy against QuTiP at L = ${compared.map((r) => r.L).join(", ")}; ` +
        `max |ours − qutip| / max(max |qutip|, 1e-3) per quantity = ${worst.toExponential(1)} (golden/lindblad tolerance 1e-8).`,
    );
  }
  const peerRows = rows.filter((r) => "seconds" in r.peer);
  if (peerRows.length) {
    const p0 = peerRows[0]!.peer as PeerOut;
    notes.push(
      `- QuTiP ${p0.qutip}: time = \`qutip.steadystate(H, c_ops)\` alone (builds the Liouvillian, direct sparse LU); building the operators in Python took ` +
        peerRows.map((r) => `${fmtTime((r.peer as PeerOut).build_seconds)} (L = ${r.L})`).join(", ") + " more, not counted.",
    );
  }
  const failed = rows.filter((r) => "error" in r.peer);
  if (failed.length) notes.push(`- QuTiP gave no result at L = ${failed.map((r) => `${r.L} (${(r.peer as { error: string }).error})`).join(", ")}.`);
  const skipped = rows.filter((r) => "skipped" in r.peer);
  if (skipped.length) notes.push(`- QuTiP not run at L = ${skipped.map((r) => `${r.L} (${(r.peer as { skipped: string }).skipped})`).join(", ")}.`);
  notes.push(
    `- Ours: fresh child node process per L, one untimed L = ${WARMUP_L} warm-up solve, then \`solve(problem)\` timed with performance.now(); peak RSS = the child's process.resourceUsage().maxRSS (includes node itself, ≈ 50 MB).`,
  );
  notes.push(`- Load average (1/5/15 min) at start ${fmtLoad(load0)}, at end ${fmtLoad(load1)} (2 cores, shared machine); per L in the JSON.`);

  const text = [
    `XXZ chain L = ${o.Ls.join(", ")}, J = 1, Δ = 1, fields drawFields(L, ${W}, ${o.seed}), target baths (1,2) β = 0.2, (L−1,L) β = 0.4, μ = 0, rate 1`,
    `${started.toISOString()}; node ${process.version}; ${machine}`,
    "",
    table,
    "",
    ...verdicts,
    "",
    ...notes,
  ].join("\n");
  console.log("\n" + text);

  writeFileSync(join(outDir, "ness-ed.md"), text + "\n");
  const json = {
    date: started.toISOString(),
    node: process.version,
    machine,
    options: o,
    params: { J: 1, delta: 1, W, seed: o.seed, baths: "target (1,2) beta 0.2, target (L-1,L) beta 0.4, mu 0, rate 1", warmupL: WARMUP_L },
    loadavg: { start: load0, end: load1 },
    rows,
    verdicts,
    notes,
  };
  writeFileSync(join(outDir, "ness-ed.json"), JSON.stringify(json, null, 1) + "\n");
  console.log(`\nwrote ${join(outDir, "ness-ed.md")} and ${join(outDir, "ness-ed.json")}`);
}

const argv = process.argv.slice(2);
const main_ = argv[0] === "--child" ? child(argv[1]!, argv[2] === "--seed" ? Number(argv[3]) : DEFAULT_SEED) : main();
main_.catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
