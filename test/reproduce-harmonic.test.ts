// The [P1] §2 harmonic-chain scenarios (Figs. 1–5) at reduced size through the reproduce runner:
// every check passes, one SVG per figure is written (with the series in its legend), the tables
// carry the numbers. The built-in scenarios are registered under their own names; the reduced
// ones are registered here under "test-…" names (the registry refuses duplicates).
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  runReproduce, registerScenario, getScenario, listScenarios, p1HarmonicSeed,
  makeP1HarmonicFig1Scenario, makeP1HarmonicFig2Scenario, makeP1HarmonicFig34Scenario, makeP1HarmonicFig5Scenario,
  type Scenario,
} from "../src/reproduce/index.js";

const tmp = () => mkdtempSync(join(tmpdir(), "nessref-reproduce-harmonic-"));
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));

function reg(s: Scenario): string {
  const name = `test-${s.name}`;
  if (!getScenario(name)) registerScenario({ ...s, name });
  return name;
}

describe("[P1] §2 harmonic scenarios (reduced sizes)", () => {
  it("the four built-in scenarios are registered", () => {
    const names = listScenarios().map((s) => s.name);
    for (const n of ["p1-harmonic-fig1", "p1-harmonic-fig2", "p1-harmonic-fig3-4", "p1-harmonic-fig5"]) expect(names).toContain(n);
    expect(p1HarmonicSeed(100, 0.1)).toBe("p1-harmonic/L=100/g=0.1");
  });

  it("Figs. 1–5 write their SVGs and every check passes", async () => {
    const names = [
      reg(makeP1HarmonicFig1Scenario()),
      reg(makeP1HarmonicFig2Scenario({ L: 40, realizations: 10 })),
      reg(makeP1HarmonicFig34Scenario({ Ls: [16, 32, 64, 128], realizations: 200 })),
      reg(makeP1HarmonicFig5Scenario({ L: 50, gs: [0.05, 0.2, 1], realizations: 200 })),
    ];
    const out = tmp();
    const summary = await runReproduce({ out, only: names, stdout: () => {} });
    expect(summary.scenarios.map((s) => s.name)).toEqual(names);
    for (const s of summary.scenarios) {
      expect(s.error, s.name).toBeUndefined();
      expect(s.checks.length).toBeGreaterThan(4);
      for (const c of s.checks) expect(c.pass, `${s.name}: ${c.name} = ${c.value}`).toBe(true);
      expect(s.figureFiles.length).toBe(s.output.figures.length);
      s.output.figures.forEach((fig, i) => {
        const svg = readFileSync(join(out, s.figureFiles[i]!), "utf8");
        expect(svg.startsWith("<svg")).toBe(true);
        expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
        const t = texts(svg);
        expect(t).toContain(fig.title);
        for (const series of fig.series) expect(t).toContain(series.name);
      });
    }
    expect(summary.pass).toBe(true);
    const svgs = readdirSync(out).filter((f) => f.endsWith(".svg")).sort();
    expect(svgs).toEqual([
      "test-p1-harmonic-fig1-fig1-profile.svg",
      "test-p1-harmonic-fig2-fig2-difference.svg", "test-p1-harmonic-fig2-fig2-profiles.svg", "test-p1-harmonic-fig2-fig2-typical.svg",
      "test-p1-harmonic-fig3-4-fig3-loglog.svg", "test-p1-harmonic-fig3-4-fig3-width-spread.svg", "test-p1-harmonic-fig3-4-fig4-profiles.svg", "test-p1-harmonic-fig3-4-fig4-width.svg",
      "test-p1-harmonic-fig5-fig5-profiles.svg", "test-p1-harmonic-fig5-fig5-width.svg",
    ]);
    const [fig1, fig2, fig34, fig5] = summary.scenarios.map((s) => s.output);
    // Fig. 1: one profile of L = 100 points, each within [T_1, T_L]
    const T = fig1!.figures[0]!.series[0]!.y;
    expect(T.length).toBe(100);
    for (const t of T) { expect(t).toBeGreaterThan(1 - 1e-10); expect(t).toBeLessThan(2 + 1e-10); }
    // Fig. 2: three finite λ and λ → 0
    expect(fig2!.figures[0]!.series.map((s) => s.name)).toEqual(["λ = 1", "λ = 0.1", "λ = 0.01", "λ → 0, eq. (2.9)"]);
    // Figs. 3–4: one row per L, five fits
    expect(fig34!.tables[0]!.rows.map((r) => r[0])).toEqual([16, 32, 64, 128]);
    expect(fig34!.tables[1]!.rows.length).toBe(5);
    // Fig. 5: one mean profile per g
    expect(fig5!.figures[0]!.series.map((s) => s.name)).toEqual(["g = 0.05", "g = 0.2", "g = 1"]);
    const report = readFileSync(join(out, "report.md"), "utf8");
    expect(report).toContain("uniform on [1, 2]");
    expect(report).not.toContain("FAIL");
  });
});
