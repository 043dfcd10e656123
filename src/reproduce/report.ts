/**
 * Markdown report and the stdout pass/fail table of a reproduce run.
 *
 * @module
 */
import type { CheckResult, ScenarioReport, Table } from "./types.js";

/**
 * Format a number for the report: integers as they are, others with 6 significant digits.
 *
 * @param v - the number (or a label, returned as is)
 *
 * @example
 * ```ts
 * import { formatNumber } from "nessref/reproduce";
 * formatNumber(Math.PI); // "3.14159"
 * ```
 */
export function formatNumber(v: number | string): string {
  if (typeof v === "string") return v;
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? Number(v.toPrecision(6)).toExponential() : String(Number(v.toPrecision(6)));
}

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function mdTable(columns: string[], rows: (number | string)[][]): string {
  const head = `| ${columns.map(esc).join(" | ")} |`;
  const rule = `|${columns.map(() => "---").join("|")}|`;
  return [head, rule, ...rows.map((r) => `| ${r.map((c) => esc(formatNumber(c))).join(" | ")} |`)].join("\n");
}

function checkRows(checks: CheckResult[]): (number | string)[][] {
  return checks.map((c) => [
    c.pass ? "PASS" : "FAIL",
    c.name,
    c.value,
    c.reference,
    c.deviation,
    `${formatNumber(c.tolerance)} (${c.relative ? "relative" : "absolute"})`,
    c.reason,
    c.referenceSource,
  ]);
}

function tableMd(t: Table): string {
  return `#### ${t.title}\n\n${mdTable(t.columns, t.rows)}\n`;
}

/**
 * The Markdown text of `report.md` for a run.
 *
 * @param reports - one report per scenario run
 * @param full - whether this was the `--full` run
 * @param version - the nessref version, for provenance
 *
 * @example
 * ```ts
 * import { renderReport } from "nessref/reproduce";
 * renderReport([], false, "0.1.0").startsWith("# nessref reproduce report"); // true
 * ```
 */
export function renderReport(reports: ScenarioReport[], full: boolean, version: string): string {
  const passed = reports.filter((r) => r.pass).length;
  const parts: string[] = [
    "# nessref reproduce report",
    "",
    `nessref ${version}, ${full ? "full (paper-size)" : "default (quick)"} run: ${passed} of ${reports.length} scenarios pass.`,
    "",
    mdTable(
      ["scenario", "paper", "reproduces", "checks", "result"],
      reports.map((r) => [r.name, r.paper, r.reproduces, `${r.checks.filter((c) => c.pass).length}/${r.checks.length}`, r.pass ? "PASS" : "FAIL"]),
    ),
    "",
  ];
  for (const r of reports) {
    parts.push(`## ${r.name}`, "", `- Paper: ${r.paper}`, `- Reproduces: ${r.reproduces}`, `- Size: ${r.size}`, `- Wall time: ${r.seconds.toFixed(2)} s`, `- Result: **${r.pass ? "PASS" : "FAIL"}**`, "");
    if (r.error) parts.push(`**The scenario failed with an error:** ${esc(r.error)}`, "");
    if (r.checks.length) {
      parts.push("### Checks", "", mdTable(["result", "check", "value", "reference", "|deviation|", "tolerance", "reason", "reference source"], checkRows(r.checks)), "");
    }
    if (r.output.tables.length) parts.push("### Tables", "", ...r.output.tables.map(tableMd));
    if (r.figureFiles.length) {
      parts.push("### Figures", "");
      r.output.figures.forEach((f, i) => parts.push(`![${esc(f.title)}](${r.figureFiles[i]})`, ""));
    }
    if (r.output.notes?.length) parts.push("### Notes", "", ...r.output.notes.map((n) => `- ${n}`), "");
  }
  return parts.join("\n");
}

/**
 * The plain-text pass/fail table printed on standard output after a run.
 *
 * @param reports - one report per scenario run
 *
 * @example
 * ```ts
 * import { renderSummary } from "nessref/reproduce";
 * console.log(renderSummary([]));
 * ```
 */
export function renderSummary(reports: ScenarioReport[]): string {
  const rows: string[][] = [["result", "scenario", "check", "value", "reference", "tolerance"]];
  for (const r of reports) {
    if (r.error) rows.push(["FAIL", r.name, `error: ${r.error}`, "", "", ""]);
    for (const c of r.checks) {
      rows.push([c.pass ? "PASS" : "FAIL", r.name, c.name, formatNumber(c.value), formatNumber(c.reference), `${formatNumber(c.tolerance)}${c.relative ? " rel" : " abs"}`]);
    }
    if (!r.error && r.checks.length === 0) rows.push([r.pass ? "PASS" : "FAIL", r.name, "(no checks)", "", "", ""]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => [...row[j]].length)));
  const line = (row: string[]) => row.map((c, j) => c + " ".repeat(widths[j] - [...c].length)).join("  ").trimEnd();
  const passed = reports.filter((r) => r.pass).length;
  return [line(rows[0]), ...rows.slice(1).map(line), "", `${passed}/${reports.length} scenarios pass`].join("\n") + "\n";
}
