/**
 * bench/tebd (b), cost form: the Lindblad TEBD of the NESS problem (XXZ, Δ = 1, J = 1, target
 * baths (1, 2) β = 0.5 and (L−1, L) β = 1.5, μ = 0, rate 1; dt = 0.1, order 4) evolved from the
 * infinite-temperature state for a fixed time T with `lindbladEvolve`, one fresh process per case:
 * wall seconds per unit of evolution time (last unit, when χ has grown), the bond dimension reached,
 * peak RSS, and how much the currents still change per unit time. No peer.
 *
 * Usage: node dist/bench/tebd/nessCost.js [--L 32,64] [--chi 64,128] [--T 4]
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { lindbladEvolve } from "../../src/mps/lindblad.js";
import { xxzChain } from "../../src/models/chain.js";
import { chainDissipators } from "../../src/open/lindblad.js";

/** The state reached so far in the child (each unit of time continues from it). */
let state: ReturnType<typeof lindbladEvolve>["rho"] | null = null;

function child(L: number, chi: number, T: number): void {
  const model = xxzChain({ L, J: 1, delta: 1 });
  const d = chainDissipators(model, [
    { type: "target", sites: [1, 2], beta: 0.5, mu: 0, rate: 1 },
    { type: "target", sites: [L - 1, L], beta: 1.5, mu: 0, rate: 1 },
  ]);
  const stamps: number[] = [];
  const t0 = performance.now();
  let prev: Float64Array | null = null, change = NaN, chiReached = 1;
  for (let t = 1; t <= T; t++) {
    // one unit at a time from the state reached so far
    const r: ReturnType<typeof lindbladEvolve> = lindbladEvolve(model, d, [1], { chi, dt: 0.1, order: 4, initial: state ?? undefined });
    state = r.rho;
    const j = r.frames[0]!.energyCurrent;
    if (prev) change = Math.max(...Array.from(j, (v, k) => Math.abs(v - prev![k]!)));
    prev = Float64Array.from(j);
    chiReached = Math.max(...r.rho.dims);
    stamps.push((performance.now() - t0) / 1000);
  }
  const last = stamps.length > 1 ? stamps[stamps.length - 1]! - stamps[stamps.length - 2]! : stamps[0]!;
  process.stdout.write(JSON.stringify({ L, chi, T, seconds: stamps[stamps.length - 1], lastUnitSeconds: last, chiReached, maxRssMB: process.resourceUsage().maxRSS / 1024, energyCurrentChangeLastUnit: change, meanEnergyCurrent: prev ? prev.reduce((a, b) => a + b, 0) / prev.length : NaN }) + "\n");
}
const argv = process.argv.slice(2);
const get = (k: string, dflt: string) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1]! : dflt; };
if (argv[0] === "--child") child(Number(argv[1]), Number(argv[2]), Number(argv[3]));
else {
  const Ls = get("--L", "32,64").split(",").map(Number), chis = get("--chi", "64,128").split(",").map(Number), T = Number(get("--T", "4"));
  console.log(`(b) Lindblad TEBD cost: XXZ Δ = 1, target baths β = 0.5 | 1.5, dt = 0.1, order 4, T = ${T} from ρ ∝ 1\n`);
  console.log("| L | χ | seconds for T | seconds for the last unit | χ reached | peak RSS | max |Δj^E| over the last unit | mean j^E |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const L of Ls) for (const chi of chis) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", String(L), String(chi), String(T)], { encoding: "utf8", maxBuffer: 1 << 24 });
    const r = JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>;
    console.log(`| ${L} | ${chi} | ${r.seconds!.toFixed(1)} s | ${r.lastUnitSeconds!.toFixed(1)} s | ${r.chiReached} | ${r.maxRssMB!.toFixed(0)} MB | ${r.energyCurrentChangeLastUnit!.toExponential(1)} | ${r.meanEnergyCurrent!.toExponential(3)} |`);
  }
}
