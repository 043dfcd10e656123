// The reproduce runner end to end on a temporary directory: report.md, one SVG per figure
// (valid <svg> with the series in the legend), checks decided correctly.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NessrefError } from "../src/errors.js";
import { runReproduce, listScenarios, registerScenario, judgeCheck, figureToSvg, type Check } from "../src/reproduce/index.js";

const tmp = () => mkdtempSync(join(tmpdir(), "nessref-reproduce-"));

describe("runReproduce (default run)", () => {
  it("writes report.md and the SVGs, and every built-in check passes", async () => {
    const out = tmp();
    let stdout = "";
    const summary = await runReproduce({ out, only: ["dimer-quench", "two-level-ergotropy"], stdout: (s) => { stdout += s; } });
    expect(summary.scenarios.map((s) => s.name)).toEqual(["dimer-quench", "two-level-ergotropy"]);
    for (const s of summary.scenarios) {
      expect(s.error).toBeUndefined();
      expect(s.checks.length).toBeGreaterThan(0);
      for (const c of s.checks) expect(c.pass, `${s.name}: ${c.name} = ${c.value}`).toBe(true);
    }
    expect(summary.pass).toBe(true);
    const report = readFileSync(join(out, "report.md"), "utf8");
    expect(report).toContain("## dimer-quench");
    expect(report).toContain("## two-level-ergotropy");
    expect(report).toContain("![");
    expect(report).not.toContain("FAIL");
    const svgs = readdirSync(out).filter((f) => f.endsWith(".svg")).sort();
    expect(svgs).toEqual(["dimer-quench-sz1.svg", "two-level-ergotropy-ergotropy.svg"]);
    for (const s of summary.scenarios) {
      s.output.figures.forEach((fig, i) => {
        const svg = readFileSync(join(out, s.figureFiles[i]), "utf8");
        expect(svg.startsWith("<svg")).toBe(true);
        expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
        expect(report).toContain(`](${s.figureFiles[i]})`);
        // the legend labels and the title are drawn in full (<text> elements, not only aria labels)
        const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
        for (const series of fig.series) expect(texts).toContain(series.name);
        expect(texts).toContain(fig.title);
      });
    }
    expect(stdout).toContain("PASS");
    expect(stdout).toContain("2/2 scenarios pass");
  });
});

describe("the [P3] ring scenarios (quick run)", () => {
  it("ring-fig2/3/4 write their figures (with mode / inversion bands and the heat map) and every check passes", async () => {
    const out = tmp();
    const names = ["ring-fig2", "ring-fig3", "ring-fig4"];
    const summary = await runReproduce({ out, only: names, stdout: () => {} });
    expect(summary.scenarios.map((s) => s.name)).toEqual(names);
    for (const s of summary.scenarios) {
      expect(s.error).toBeUndefined();
      expect(s.checks.length).toBeGreaterThan(0);
      for (const c of s.checks) expect(c.pass, `${s.name}: ${c.name} = ${c.value}`).toBe(true);
      s.output.figures.forEach((fig, i) => {
        const svg = readFileSync(join(out, s.figureFiles[i]), "utf8");
        expect(svg.startsWith("<svg")).toBe(true);
        const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
        expect(texts).toContain(fig.title.replace(/&/g, "&amp;"));
        for (const b of fig.bands ?? []) expect(texts).toContain(b.label);
        if (fig.heatmap) expect(texts).toContain(fig.heatmap.zLabel);
      });
    }
    // the sector-2 minimum of [P3] Fig. 2b, as a number in the report
    const fig2 = summary.scenarios[0].output;
    const dMin = fig2.tables[0].rows[0][1] as number;
    expect(Math.abs(dMin - 2.19)).toBeLessThanOrEqual(0.01);
    // the mode bands of sector 2 include all three geometries (Fig. 2b shading)
    const labels = new Set(fig2.figures.find((f) => f.id === "heat-sector2")!.bands!.map((b) => b.label));
    expect([...labels].sort()).toEqual(["clockwise", "counterclockwise", "parallel"]);
    // Fig. 3: the two ergotropy maps and the two population panels with inversion bands
    const fig3 = summary.scenarios[1].output;
    expect(fig3.figures.filter((f) => f.heatmap).length).toBe(2);
    for (const f of fig3.figures.filter((f) => f.id.startsWith("populations"))) expect(f.bands!.length).toBeGreaterThan(0);
    // Fig. 4: two proximity checks per field, and the gap legend in the paper's colour families
    const fig4 = summary.scenarios[2].output;
    expect(fig4.checks.length).toBe(10);
    expect(fig4.figures.find((f) => f.id === "gaps")!.series.every((s) => s.color)).toBe(true);
  });
});

describe("runner verdicts", () => {
  it("judgeCheck: absolute and relative tolerances, non-finite values fail", () => {
    const base: Check = { name: "c", value: 1, reference: 1, tolerance: 0, relative: false, reason: "r", referenceSource: "s" };
    expect(judgeCheck({ ...base, value: 1.5, tolerance: 0.5 }).pass).toBe(true);
    expect(judgeCheck({ ...base, value: 1.5, tolerance: 0.49 }).pass).toBe(false);
    expect(judgeCheck({ ...base, value: 101, reference: 100, tolerance: 0.01, relative: true }).pass).toBe(true);
    expect(judgeCheck({ ...base, value: 102, reference: 100, tolerance: 0.01, relative: true }).pass).toBe(false);
    expect(judgeCheck({ ...base, value: NaN, tolerance: Infinity }).pass).toBe(false);
    expect(judgeCheck({ ...base, value: Infinity, reference: Infinity, tolerance: 1 }).pass).toBe(false);
  });

  it("a failing check or a throwing scenario fails the run, and the report says so", async () => {
    registerScenario({
      name: "test-failing-check", paper: "test", reproduces: "nothing", defaultSize: "tiny", fullSize: "tiny",
      run: async () => ({ tables: [{ title: "t", columns: ["a"], rows: [[1]] }], figures: [], checks: [
        { name: "wrong", value: 1, reference: 2, tolerance: 0.1, relative: false, reason: "meant to fail", referenceSource: "test" }] }),
    });
    registerScenario({
      name: "test-throwing", paper: "test", reproduces: "nothing", defaultSize: "tiny", fullSize: "tiny",
      run: async () => { throw new Error("boom"); },
    });
    const out = tmp();
    const summary = await runReproduce({ out, only: ["test-failing-check", "test-throwing"] });
    expect(summary.pass).toBe(false);
    expect(summary.scenarios[0].pass).toBe(false);
    expect(summary.scenarios[1].error).toContain("boom");
    const report = readFileSync(join(out, "report.md"), "utf8");
    expect(report).toContain("FAIL");
    expect(report).toContain("boom");
    expect(listScenarios().map((s) => s.name)).toContain("test-throwing");
    expect(() => registerScenario({ ...listScenarios()[0] })).toThrow(NessrefError);
  });

  it("an unknown --only name is invalid-input at /only/i, before anything is written", async () => {
    const out = join(tmp(), "sub");
    await expect(runReproduce({ out, only: ["dimer-quench", "nope"] })).rejects.toMatchObject({ code: "invalid-input", path: "/only/1" });
    expect(existsSync(out)).toBe(false);
  });

  it("figureToSvg draws error bars and log axes, and refuses non-finite points", async () => {
    const svg = await figureToSvg({
      id: "f", title: "power law", xLabel: "x", yLabel: "y", logX: true, logY: true,
      series: [{ name: "data", x: [1, 10, 100], y: [1, 0.1, 0.01], yErr: [0.1, 0.01, 0.001], mark: "point" }, { name: "fit", x: [1, 100], y: [1, 0.01] }],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("data");
    expect(svg).toContain("fit");
    await expect(figureToSvg({ id: "g", title: "t", xLabel: "x", yLabel: "y", series: [{ name: "s", x: [0, 1], y: [0, NaN] }] })).rejects.toBeInstanceOf(NessrefError);
  });
});
