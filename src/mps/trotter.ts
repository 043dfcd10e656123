/**
 * Trotter–Suzuki schedules for TEBD on a chain with nearest-neighbour terms (CONVENTIONS §7 and
 * §9): the bonds split into two commuting layers, A = the odd bonds (1, 3, 5, …, 1-based) and
 * B = the even bonds, and e^{(A+B)τ} is approximated by products of e^{cAτ} and e^{cBτ}.
 *
 * - order 1: e^{Aτ} e^{Bτ} (error O(τ²) per step, O(τ) at fixed time);
 * - order 2: S2(τ) = e^{Aτ/2} e^{Bτ} e^{Aτ/2} (Strang; O(τ²) at fixed time);
 * - order 4: S4(τ) = S2(pτ)² S2((1−4p)τ) S2(pτ)², p = 1/(4 − 4^{1/3}) (Suzuki's fractal
 *   5-stage composition, M. Suzuki, Phys. Lett. A 146, 319 (1990); O(τ⁴) at fixed time).
 *
 * Adjacent layers on the same parity are merged (their coefficients add), also across steps, so a
 * 2nd-order run of n steps applies 2n + 1 layers and a 4th-order run 10n + 1.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { checkTruncation, type Truncation } from "./truncate.js";

/** One layer of a schedule: every bond of one parity with the same time coefficient. */
export interface TrotterLayer {
  /** 0: the odd bonds 1, 3, 5, … (1-based); 1: the even bonds 2, 4, … */
  readonly parity: 0 | 1;
  /** the layer applies e^{c·τ·(terms)}: c in units of the step τ */
  readonly c: number;
}

/** Suzuki's p = 1/(4 − 4^{1/3}) of the 4th-order composition. */
const SUZUKI_P = 1 / (4 - Math.cbrt(4));

function oneStep(order: 1 | 2 | 4): TrotterLayer[] {
  if (order === 1) return [{ parity: 0, c: 1 }, { parity: 1, c: 1 }];
  const s2 = (c: number): TrotterLayer[] => [{ parity: 0, c: c / 2 }, { parity: 1, c }, { parity: 0, c: c / 2 }];
  if (order === 2) return s2(1);
  const p = SUZUKI_P;
  return [...s2(p), ...s2(p), ...s2(1 - 4 * p), ...s2(p), ...s2(p)];
}

/**
 * The layers of `steps` Trotter steps of one order, with same-parity neighbours merged.
 *
 * @param order - 1, 2 or 4
 * @param steps - number of steps n ≥ 0
 * @returns the layers in the order they act (the first layer acts first on the state)
 * @throws NessrefError("invalid-input") for another order or a negative or non-integer n
 *
 * @example
 * ```ts
 * import { trotterLayers } from "nessref/mps";
 * trotterLayers(2, 2); // [{parity 0, c 0.5}, {1, 1}, {0, 1}, {1, 1}, {0, 0.5}]
 * ```
 */
export function trotterLayers(order: 1 | 2 | 4, steps: number): TrotterLayer[] {
  if (order !== 1 && order !== 2 && order !== 4) throw new NessrefError("invalid-input", `Trotter order must be 1, 2 or 4, got ${order}`, "/tebd/order");
  if (!Number.isInteger(steps) || steps < 0) throw new NessrefError("invalid-input", `number of Trotter steps must be an integer ≥ 0, got ${steps}`, "");
  const out: { parity: 0 | 1; c: number }[] = [];
  const one = oneStep(order);
  for (let k = 0; k < steps; k++) {
    for (const l of one) {
      const last = out[out.length - 1];
      if (last && last.parity === l.parity) last.c += l.c;
      else out.push({ parity: l.parity, c: l.c });
    }
  }
  return out;
}

/**
 * The number of equal steps and their size for an interval of length T with a requested step dt:
 * n = ⌈T/dt⌉ (a relative slack of 1e-9 absorbs rounding of T/dt), τ = T/n ≤ dt.
 *
 * @param T - interval length ≥ 0
 * @param dt - requested step > 0
 * @returns `{ steps, tau }` (`steps = 0`, `tau = 0` for T = 0)
 *
 * @example
 * ```ts
 * import { stepsFor } from "nessref/mps";
 * stepsFor(1, 0.3); // { steps: 4, tau: 0.25 }
 * ```
 */
export function stepsFor(T: number, dt: number): {
  /** number of equal steps n */ steps: number;
  /** step size τ = T/n */ tau: number;
} {
  if (T <= 0) return { steps: 0, tau: 0 };
  const steps = Math.max(1, Math.ceil(T / dt - 1e-9));
  return { steps, tau: T / steps };
}

/**
 * Check the common options of a time evolution (dt, χ, cutoff, order) and its output times, and
 * return the order and truncation rule.
 *
 * @param opts - `dt` (> 0), `chi`, `cutoff` (default 0), `order` (default 4)
 * @param times - output times, finite, ≥ 0, non-decreasing
 * @returns `{ order, trunc }`
 * @throws NessrefError("invalid-input") with the path of the offending option or time
 *
 * @example
 * ```ts
 * import { checkEvolution } from "nessref/mps";
 * checkEvolution({ chi: 16, dt: 0.05 }, [0, 1]); // { order: 4, trunc: { chi: 16, cutoff: 0 } }
 * ```
 */
export function checkEvolution(opts: { chi: number; dt: number; cutoff?: number; order?: 1 | 2 | 4 }, times: readonly number[]): {
  /** the Trotter order */ order: 1 | 2 | 4;
  /** the truncation rule */ trunc: Truncation;
} {
  if (!(opts.dt > 0) || !Number.isFinite(opts.dt)) throw new NessrefError("invalid-input", `TEBD: dt must be a finite number > 0, got ${opts.dt}`, "/tebd/dt");
  const order = opts.order ?? 4;
  if (order !== 1 && order !== 2 && order !== 4) throw new NessrefError("invalid-input", `Trotter order must be 1, 2 or 4, got ${order}`, "/tebd/order");
  const trunc = checkTruncation({ chi: opts.chi, cutoff: opts.cutoff ?? 0 }, "/tebd");
  times.forEach((t, k) => {
    if (!(t >= 0) || !Number.isFinite(t)) throw new NessrefError("invalid-input", `times[${k}] must be a finite number ≥ 0, got ${t}`, `/times/${k}`);
    if (k > 0 && t < times[k - 1]) throw new NessrefError("invalid-input", "times must be non-decreasing", `/times/${k}`);
  });
  return { order, trunc };
}
