/**
 * Types of the reproduce scaffolding: a {@link Scenario} re-computes one headline result
 * of a paper and returns a {@link ScenarioOutput} (tables, figures, checks against
 * references); the runner ({@link runReproduce}) writes `report.md` and one SVG per figure.
 *
 * @module
 */

/**
 * What a running scenario gets from the runner.
 *
 * @example
 * ```ts
 * import type { ScenarioContext } from "nessref/reproduce";
 * const ctx: ScenarioContext = { full: false, progress: (done, total) => void [done, total] };
 * ```
 */
export interface ScenarioContext {
  /** `true` for the paper-size run (`--full`), `false` for the quick default run. */
  full: boolean;
  /**
   * Report progress: `done` of `total` units of work. Only drives the progress bar on a
   * TTY; results never depend on it.
   */
  progress(done: number, total: number): void;
  /** Cancels a long run when aborted; scenarios check it between units of work. */
  signal?: AbortSignal;
}

/**
 * A table of numbers or labels for the report.
 *
 * @example
 * ```ts
 * import type { Table } from "nessref/reproduce";
 * const t: Table = { title: "squares", columns: ["x", "x²"], rows: [[1, 1], [2, 4]] };
 * ```
 */
export interface Table {
  /** Heading of the table. */
  title: string;
  /** Column names. */
  columns: string[];
  /** Rows, one value per column. */
  rows: (number | string)[][];
}

/**
 * One curve or point set of a {@link Figure}.
 *
 * @example
 * ```ts
 * import type { Series } from "nessref/reproduce";
 * const s: Series = { name: "data", x: [1, 2], y: [0.5, 0.25], yErr: [0.01, 0.01], mark: "point" };
 * const dashed: Series = { name: "j_u", x: [0, 1], y: [0.1, 0.2], color: "#ff7f0e", dash: [6, 3] };
 * ```
 */
export interface Series {
  /** Legend label. */
  name: string;
  /** Abscissae. */
  x: number[];
  /** Ordinates, one per abscissa. */
  y: number[];
  /** Optional symmetric error bars, one per point. */
  yErr?: number[];
  /** Drawn as a line (default) or as points. */
  mark?: "line" | "point";
  /**
   * CSS colour of the series, optional (series without one take the default palette in
   * order), e.g. to follow a paper's colour code ([P3] Figs. 2–4).
   */
  color?: string;
  /**
   * Dash pattern of a line as SVG stroke-dasharray lengths in pixels, e.g. `[6, 3]`
   * (dashed) or `[1, 2]` (dotted); solid when absent.
   */
  dash?: number[];
}

/**
 * A figure of the report, rendered to SVG with vega-lite.
 *
 * @example
 * ```ts
 * import type { Figure } from "nessref/reproduce";
 * const f: Figure = { id: "decay", title: "decay", xLabel: "t", yLabel: "y", logY: true,
 *   series: [{ name: "e^{−t}", x: [0, 1, 2], y: [1, 0.368, 0.135] }] };
 * ```
 */
export interface Figure {
  /** Identifier, unique within its scenario; the SVG is `<scenario>-<id>.svg`. */
  id: string;
  /** Title shown above the plot. */
  title: string;
  /** Label of the x axis. */
  xLabel: string;
  /** Label of the y axis. */
  yLabel: string;
  /** Logarithmic x axis (every x must be > 0). */
  logX?: boolean;
  /** Logarithmic y axis (every y must be > 0). */
  logY?: boolean;
  /** The curves. */
  series: Series[];
  /**
   * The y scale includes 0, optional (default: fitted to the data). Use it for a curve that is
   * constant up to rounding ([P3] Fig. 2c), which a fitted scale would blow up to noise.
   */
  yZero?: boolean;
  /** Shaded x-intervals drawn behind the curves (e.g. regimes), optional. */
  bands?: Band[];
  /** A heat map drawn instead of (or under) the curves, optional. */
  heatmap?: Heatmap;
}

/**
 * A shaded interval of the x axis, with a legend label.
 *
 * @example
 * ```ts
 * import type { Band } from "nessref/reproduce";
 * const b: Band = { x0: 0.5, x1: 1.2, label: "clockwise", color: "#cdeccd" };
 * ```
 */
export interface Band {
  /** Left end. */
  x0: number;
  /** Right end (> x0). */
  x1: number;
  /** Legend label; bands with the same label share a colour. */
  label: string;
  /** CSS colour of the label's bands. */
  color: string;
}

/**
 * Values z[i][j] on the grid (x[j], y[i]), drawn as coloured cells centred on the grid points.
 *
 * @example
 * ```ts
 * import type { Heatmap } from "nessref/reproduce";
 * const h: Heatmap = { x: [0, 1], y: [0, 1], z: [[0, 1], [1, 2]], zLabel: "f" };
 * ```
 */
export interface Heatmap {
  /** Grid abscissae, ascending. */
  x: number[];
  /** Grid ordinates, ascending. */
  y: number[];
  /** Values, z[i][j] at (x[j], y[i]). */
  z: number[][];
  /** Colour-bar title. */
  zLabel: string;
}

/**
 * A comparison of a computed number with a reference. The runner decides pass/fail:
 * `|value − reference| ≤ tolerance` (absolute) or `≤ tolerance·|reference|` (relative);
 * a non-finite value fails.
 *
 * @example
 * ```ts
 * import type { Check } from "nessref/reproduce";
 * const c: Check = { name: "ground-state energy", value: -0.75, reference: -0.75, tolerance: 1e-12,
 *   relative: true, reason: "exact diagonalization of a 4×4 matrix", referenceSource: "singlet energy −3J/4" };
 * ```
 */
export interface Check {
  /** What is compared, e.g. `"max |⟨s^z_1⟩ − ½cos Jt|"`. */
  name: string;
  /** The computed value. */
  value: number;
  /** The reference value. */
  reference: number;
  /** Allowed deviation (see {@link Check.relative}). */
  tolerance: number;
  /** `true`: the tolerance is relative to `|reference|`; `false`: absolute. */
  relative: boolean;
  /** Why this tolerance (conditioning, truncation, statistics, …). */
  reason: string;
  /** Where the reference comes from (closed form and precision, paper table, …). */
  referenceSource: string;
}

/**
 * Everything a scenario returns.
 *
 * @example
 * ```ts
 * import type { ScenarioOutput } from "nessref/reproduce";
 * const out: ScenarioOutput = { tables: [], figures: [], checks: [], notes: ["nothing to see"] };
 * ```
 */
export interface ScenarioOutput {
  /** Tables for the report. */
  tables: Table[];
  /** Figures, one SVG each. */
  figures: Figure[];
  /** Checks against references; any failing check makes the run fail. */
  checks: Check[];
  /** Free-text remarks for the report. */
  notes?: string[];
}

/**
 * A reproducible headline result of one paper.
 *
 * @example
 * ```ts
 * import { registerScenario, type Scenario } from "nessref/reproduce";
 * const s: Scenario = { name: "noop", paper: "test", reproduces: "nothing", defaultSize: "-", fullSize: "-",
 *   run: async () => ({ tables: [], figures: [], checks: [] }) };
 * registerScenario(s);
 * ```
 */
export interface Scenario {
  /** Unique name, used by `--only`, e.g. `"dimer-quench"`. */
  name: string;
  /** The paper, e.g. `"[P3] 003_…"` (MODELS.md paper keys), or `"textbook"`. */
  paper: string;
  /** What figure/table/statement is reproduced. */
  reproduces: string;
  /** Size of the default (quick) run, in words. */
  defaultSize: string;
  /** Size of the `--full` run, in words. */
  fullSize: string;
  /** Compute. */
  run(ctx: ScenarioContext): Promise<ScenarioOutput>;
}

/**
 * A {@link Check} with the runner's verdict.
 *
 * @example
 * ```ts
 * import { judgeCheck, type CheckResult } from "nessref/reproduce";
 * const r: CheckResult = judgeCheck({ name: "c", value: 1, reference: 1, tolerance: 0, relative: false,
 *   reason: "exact", referenceSource: "identity" }); // r.pass === true
 * ```
 */
export interface CheckResult extends Check {
  /** `|value − reference|`. */
  deviation: number;
  /** Whether the check passed. */
  pass: boolean;
}

/**
 * The outcome of one scenario in a run.
 *
 * @example
 * ```ts
 * import { runReproduce, type ScenarioReport } from "nessref/reproduce";
 * const [first]: ScenarioReport[] = (await runReproduce({ out: "reproduce-out", only: ["dimer-quench"] })).scenarios;
 * ```
 */
export interface ScenarioReport {
  /** The scenario's name. */
  name: string;
  /** The paper. */
  paper: string;
  /** What it reproduces. */
  reproduces: string;
  /** The size that was run. */
  size: string;
  /** Wall time in seconds. */
  seconds: number;
  /** The scenario's output (empty when it threw). */
  output: ScenarioOutput;
  /** Checks with verdicts. */
  checks: CheckResult[];
  /** SVG file names written, in figure order. */
  figureFiles: string[];
  /** The error message when the scenario threw (the scenario then fails). */
  error?: string;
  /** `true` when it ran and every check passed. */
  pass: boolean;
}

/**
 * What {@link runReproduce} returns.
 *
 * @example
 * ```ts
 * import { runReproduce, type ReproduceSummary } from "nessref/reproduce";
 * const s: ReproduceSummary = await runReproduce({ out: "reproduce-out" });
 * console.log(s.pass, s.reportPath);
 * ```
 */
export interface ReproduceSummary {
  /** One report per scenario run, in registration order. */
  scenarios: ScenarioReport[];
  /** `true` when every scenario passed. */
  pass: boolean;
  /** Absolute path of the `report.md` written. */
  reportPath: string;
}

/**
 * Options of {@link runReproduce}.
 *
 * @example
 * ```ts
 * import { runReproduce, type ReproduceOptions } from "nessref/reproduce";
 * const opts: ReproduceOptions = { out: "reproduce-out", only: ["two-level-ergotropy"], full: false };
 * await runReproduce(opts);
 * ```
 */
export interface ReproduceOptions {
  /** Names of the scenarios to run (all when absent or empty). */
  only?: string[];
  /** Output directory (created if missing). */
  out: string;
  /** Paper-size run instead of the quick default. */
  full?: boolean;
  /** Where the pass/fail table goes (default: nowhere). */
  stdout?: (text: string) => void;
  /** Show a progress bar on standard error (the CLI sets it when stderr is a TTY). */
  progressBar?: boolean;
  /** Cancels the run. */
  signal?: AbortSignal;
}
