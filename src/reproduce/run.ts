/**
 * The reproduce runner: runs scenarios, decides their checks, writes `report.md` and one
 * SVG per figure, prints a pass/fail table.
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { resolve, join } from "node:path";
import cliProgress from "cli-progress";
import { NessrefError } from "../errors.js";
import { listScenarios } from "./registry.js";
import { figureToSvg } from "./svg.js";
import { renderReport, renderSummary } from "./report.js";
import { packageVersion } from "./version.js";
import type { Check, CheckResult, ReproduceOptions, ReproduceSummary, Scenario, ScenarioReport } from "./types.js";

/**
 * Decide a check: pass when `|value − reference| ≤ tolerance` (absolute) or
 * `≤ tolerance·|reference|` (relative); a non-finite value or reference fails.
 *
 * @param c - the check
 *
 * @example
 * ```ts
 * import { judgeCheck } from "nessref/reproduce";
 * judgeCheck({ name: "π", value: 3.14159, reference: Math.PI, tolerance: 1e-5, relative: true,
 *   reason: "6 digits typed", referenceSource: "Math.PI" }).pass; // true
 * ```
 */
export function judgeCheck(c: Check): CheckResult {
  const deviation = Math.abs(c.value - c.reference);
  const allowed = c.relative ? c.tolerance * Math.abs(c.reference) : c.tolerance;
  const pass = Number.isFinite(c.value) && Number.isFinite(c.reference) && Number.isFinite(deviation) && deviation <= allowed;
  return { ...c, deviation, pass };
}

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_");

async function runOne(s: Scenario, opts: ReproduceOptions, bar: cliProgress.SingleBar | undefined): Promise<ScenarioReport> {
  const full = opts.full ?? false;
  const size = full ? s.fullSize : s.defaultSize;
  const t0 = performance.now();
  const report: ScenarioReport = {
    name: s.name,
    paper: s.paper,
    reproduces: s.reproduces,
    size,
    seconds: 0,
    output: { tables: [], figures: [], checks: [] },
    checks: [],
    figureFiles: [],
    pass: false,
  };
  try {
    bar?.start(1, 0, { scenario: s.name });
    const output = await s.run({
      full,
      signal: opts.signal,
      progress: (done, total) => {
        if (bar) {
          bar.setTotal(Math.max(total, 1));
          bar.update(done, { scenario: s.name });
        }
      },
    });
    report.output = output;
    report.checks = output.checks.map(judgeCheck);
    for (const fig of output.figures) {
      const file = `${fileSafe(s.name)}-${fileSafe(fig.id)}.svg`;
      await writeFile(join(opts.out, file), await figureToSvg(fig), "utf8");
      report.figureFiles.push(file);
    }
    report.pass = report.checks.every((c) => c.pass);
  } catch (e) {
    report.error = e instanceof Error ? `${e.name === "NessrefError" ? (e as NessrefError).code : e.name}: ${e.message}` : String(e);
    report.pass = false;
  } finally {
    bar?.stop();
  }
  report.seconds = (performance.now() - t0) / 1000;
  return report;
}

/**
 * Run the registered scenarios (all, or those named in `only`), write
 * `<out>/report.md` and one SVG per figure, print the pass/fail table to `stdout`.
 * A scenario that throws fails (its error goes into the report); the run goes on.
 *
 * @param opts - which scenarios, where to write, default or full size
 * @returns the per-scenario reports and the overall verdict
 * @throws NessrefError `invalid-input` (path `/only/i`) for a name no scenario has
 *
 * @example
 * ```ts
 * import { runReproduce } from "nessref/reproduce";
 * const summary = await runReproduce({ only: ["dimer-quench"], out: "reproduce-out",
 *   stdout: (s) => process.stdout.write(s) });
 * process.exitCode = summary.pass ? 0 : 1;
 * ```
 */
export async function runReproduce(opts: ReproduceOptions): Promise<ReproduceSummary> {
  const all = listScenarios();
  const names = new Set(all.map((s) => s.name));
  const only = opts.only ?? [];
  only.forEach((n, i) => {
    if (!names.has(n)) {
      throw new NessrefError("invalid-input", `no scenario named '${n}'; the scenarios are: ${[...names].join(", ")}`, `/only/${i}`);
    }
  });
  const chosen = only.length ? all.filter((s) => only.includes(s.name)) : all;
  const out = resolve(opts.out);
  await mkdir(out, { recursive: true });
  const bar = opts.progressBar
    ? new cliProgress.SingleBar(
        { format: "{scenario} [{bar}] {percentage}% | {value}/{total}", stream: process.stderr, clearOnComplete: true, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const reports: ScenarioReport[] = [];
  for (const s of chosen) {
    if (opts.signal?.aborted) throw new NessrefError("resource-limit", "reproduce run cancelled", "");
    reports.push(await runOne(s, { ...opts, out }, bar));
  }
  const reportPath = join(out, "report.md");
  await writeFile(reportPath, renderReport(reports, opts.full ?? false, packageVersion()), "utf8");
  opts.stdout?.(renderSummary(reports));
  opts.stdout?.(`report: ${reportPath}\n`);
  return { scenarios: reports, pass: reports.every((r) => r.pass), reportPath };
}
