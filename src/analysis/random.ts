/**
 * The library's one seeded random-number generator (DESIGN.md: "the same seed gives the
 * same bits on every machine").
 *
 * Generator: **xoshiro128\*\*** (D. Blackman and S. Vigna, "Scrambled linear pseudorandom
 * number generators", ACM Trans. Math. Softw. 47 (2021), preprint 2018): 128 bits of state
 * in four 32-bit words, period 2^128 − 1. One step, with all arithmetic modulo 2^32
 * (`Math.imul`, `>>> 0`, so every JavaScript engine gives identical bits):
 *
 * ```text
 * out = rotl(s1 · 5, 7) · 9
 * t = s1 << 9
 * s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 11)
 * ```
 *
 * Seeding ({@link seedWords}): the seed becomes a tagged 64-bit key (tag, hi, lo):
 * an integer |n| ≤ 2^53 − 1 gives tag 0 and its two's-complement 64-bit words; any other
 * finite number gives tag 1 and its IEEE-754 bit pattern (−0 is read as 0); a string gives
 * tag 2, hi = FNV-1a (32 bit) of its UTF-16 code units and lo = its length. The key is
 * folded to x = fmix(lo ⊕ fmix(hi ⊕ fmix(tag + 0x9E3779B9))), where fmix is the 32-bit
 * finaliser of MurmurHash3 (z ^= z>>>16; z *= 0x85EBCA6B; z ^= z>>>13; z *= 0xC2B2AE35;
 * z ^= z>>>16). The four state words are then drawn from the SplitMix32 sequence
 * w_k = fmix(x + k·0x9E3779B9), k = 1..4 (a Weyl sequence with the golden-ratio increment
 * passed through fmix — the 32-bit analogue of SplitMix64).
 *
 * Streams ({@link Rng.fork}): child r of a generator is a deterministic bijective hash of
 * the parent's current state and r, so realization r of an ensemble gets the same numbers
 * whichever worker computes it, and forking does not advance the parent.
 *
 * @module
 */
import { NessrefError } from "../errors.js";

const GOLDEN = 0x9e3779b9;

/**
 * The 32-bit finaliser of MurmurHash3 (a bijection on 32-bit words with full avalanche).
 *
 * @param z - a 32-bit word (any number; it is reduced modulo 2^32)
 * @returns the mixed word as an unsigned 32-bit integer
 *
 * @example
 * ```ts
 * import { fmix32 } from "nessref/analysis";
 * fmix32(0); // 0
 * ```
 */
export function fmix32(z: number): number {
  let h = z >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The four initial xoshiro128** state words for a seed, by the procedure in this module's
 * description (tagged 64-bit key → fmix fold → SplitMix32). Exposed so that other
 * implementations can reproduce the stream bit for bit.
 *
 * @param seed - a finite number or a string
 * @returns four unsigned 32-bit words, not all zero
 * @throws NessrefError("invalid-input") for a non-finite number or a non-number, non-string seed
 *
 * @example
 * ```ts
 * import { seedWords } from "nessref/analysis";
 * seedWords(42).length; // 4
 * ```
 */
export function seedWords(seed: number | string): [number, number, number, number] {
  let tag: number;
  let hi: number;
  let lo: number;
  if (typeof seed === "string") {
    tag = 2;
    hi = fnv1a(seed);
    lo = seed.length >>> 0;
  } else if (typeof seed === "number" && Number.isFinite(seed)) {
    if (Number.isSafeInteger(seed)) {
      tag = 0;
      // two's-complement 64-bit words of the integer
      const hiSigned = Math.floor(seed / 4294967296);
      lo = (seed - hiSigned * 4294967296) >>> 0;
      hi = hiSigned >>> 0;
    } else {
      tag = 1;
      const dv = new DataView(new ArrayBuffer(8));
      dv.setFloat64(0, seed === 0 ? 0 : seed);
      hi = dv.getUint32(0);
      lo = dv.getUint32(4);
    }
  } else {
    throw new NessrefError("invalid-input", `random seed must be a finite number or a string, got ${String(seed)}`, "/seed");
  }
  const x = fmix32(lo ^ fmix32(hi ^ fmix32((tag + GOLDEN) >>> 0)));
  const w: [number, number, number, number] = [0, 0, 0, 0];
  let weyl = x;
  for (let k = 0; k < 4; k++) {
    weyl = (weyl + GOLDEN) >>> 0;
    w[k] = fmix32(weyl);
  }
  if ((w[0] | w[1] | w[2] | w[3]) === 0) w[0] = GOLDEN; // the all-zero state is a fixed point
  return w;
}

/** Serialisable state of an {@link Rng}: the four xoshiro128** words. */
export interface RngState {
  /** The state words s0..s3, unsigned 32-bit integers, not all zero. */
  readonly words: readonly [number, number, number, number];
}

/**
 * Seeded pseudorandom generator: xoshiro128** (Blackman & Vigna 2018) with SplitMix32
 * seeding; see the module description for the exact bit-level definition.
 *
 * @example
 * ```ts
 * import { Rng } from "nessref/analysis";
 * const rng = new Rng(42);
 * const u = rng.nextFloat(); // in [0, 1)
 * const h = rng.uniform(-1, 1); // a disorder field
 * const r5 = rng.fork(5); // the stream of realization 5
 * ```
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed - a finite number or a string (see {@link seedWords})
   */
  constructor(seed: number | string) {
    const w = seedWords(seed);
    // the state is kept as signed 32-bit integers (small integers for V8: no boxed doubles in the
    // hot loop); the words it stands for are these values modulo 2^32
    this.s0 = w[0] | 0;
    this.s1 = w[1] | 0;
    this.s2 = w[2] | 0;
    this.s3 = w[3] | 0;
  }

  /**
   * A generator with the given state words (the inverse of {@link Rng.state}).
   *
   * @param state - four unsigned 32-bit words, not all zero
   * @returns a generator continuing from that state
   * @throws NessrefError("invalid-input") for malformed words or the all-zero state
   *
   * @example
   * ```ts
   * import { Rng } from "nessref/analysis";
   * const a = new Rng(1);
   * const b = Rng.fromState(a.state());
   * a.nextUint32() === b.nextUint32(); // true
   * ```
   */
  static fromState(state: RngState): Rng {
    const w = state?.words;
    if (!Array.isArray(w) || w.length !== 4 || !w.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff)) {
      throw new NessrefError("invalid-input", "Rng.fromState: words must be four unsigned 32-bit integers", "/words");
    }
    if ((w[0] | w[1] | w[2] | w[3]) === 0) throw new NessrefError("invalid-input", "Rng.fromState: the all-zero state is not allowed", "/words");
    const r = new Rng(0);
    r.s0 = w[0] | 0;
    r.s1 = w[1] | 0;
    r.s2 = w[2] | 0;
    r.s3 = w[3] | 0;
    return r;
  }

  /**
   * The current state (a copy); {@link Rng.fromState} resumes from it.
   *
   * @returns the four state words
   *
   * @example
   * ```ts
   * import { Rng } from "nessref/analysis";
   * new Rng(7).state().words.length; // 4
   * ```
   */
  state(): RngState {
    return { words: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0] };
  }

  /**
   * The next 32 output bits of xoshiro128**.
   *
   * @returns an unsigned integer in [0, 2^32)
   *
   * @example
   * ```ts
   * import { Rng } from "nessref/analysis";
   * new Rng(42).nextUint32(); // the same value on every machine
   * ```
   */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const m = Math.imul(s1, 5);
    const out = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return out;
  }

  /**
   * A double uniform on [0, 1) with 53 random bits, from two draws:
   * ((a >>> 5)·2^26 + (b >>> 6)) / 2^53.
   *
   * @returns a number in [0, 1), a multiple of 2^−53
   *
   * @example
   * ```ts
   * import { Rng } from "nessref/analysis";
   * const u = new Rng(1).nextFloat(); // 0 ≤ u < 1
   * ```
   */
  nextFloat(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A number uniform on [a, b): a + (b − a)·{@link Rng.nextFloat}(). (The product and sum are
   * rounded, so b itself can come out, with probability of order 2⁻⁵³ per draw.)
   *
   * @param a - lower end (finite)
   * @param b - upper end (finite, b ≥ a; b = a returns a)
   * @returns a draw in [a, b) (b only by rounding, see above)
   * @throws NessrefError("invalid-input") for non-finite ends or b < a
   *
   * @example
   * ```ts
   * import { Rng } from "nessref/analysis";
   * new Rng(3).uniform(-2, 2); // a disorder field h ∈ [−W, W), W = 2
   * ```
   */
  uniform(a: number, b: number): number {
    if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) {
      throw new NessrefError("invalid-input", `uniform: need finite a ≤ b, got [${a}, ${b}]`, "");
    }
    return a + (b - a) * this.nextFloat();
  }

  /**
   * A normal deviate by the Marsaglia polar method (Marsaglia & Bray 1964): draw
   * (u, v) uniform on (−1, 1)² until 0 < s = u² + v² < 1, return mean + sd·u·√(−2 ln s / s).
   * The second deviate of each pair is discarded so that the whole state stays in the four
   * words. Uses `Math.log` and `Math.sqrt`: `sqrt` is correctly rounded by IEEE-754 and
   * V8's `log` is its own deterministic fdlibm port, so results are reproducible across
   * machines running Node.
   *
   * @param mean - mean of the distribution (default 0)
   * @param sd - standard deviation, ≥ 0 (default 1)
   * @returns one normal draw
   * @throws NessrefError("invalid-input") for non-finite parameters or sd < 0
   *
   * @example
   * ```ts
   * import { Rng } from "nessref/analysis";
   * const x = new Rng(9).normal(0, 1);
   * ```
   */
  normal(mean = 0, sd = 1): number {
    if (!Number.isFinite(mean) || !Number.isFinite(sd) || sd < 0) {
      throw new NessrefError("invalid-input", `normal: need finite mean and sd ≥ 0, got mean ${mean}, sd ${sd}`, "");
    }
    let u: number;
    let s: number;
    do {
      u = 2 * this.nextFloat() - 1;
      const v = 2 * this.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    return mean + sd * u * Math.sqrt((-2 * Math.log(s)) / s);
  }

  /**
   * An unbiased integer uniform on {0, …, n − 1} by rejection: for n ≤ 2^32 a 32-bit
   * draw x is accepted when x < 2^32 − (2^32 mod n) and mapped to x mod n; for larger n
   * (up to 2^53) the same is done with 53-bit draws.
   *
   * @param n - number of outcomes, an integer in [1, 2^53]
   * @returns an integer in [0, n)
   * @throws NessrefError("invalid-input") for non-integer or out-of-range n
   *
   * @example
   * ```ts
   * import { Rng } from "nessref/analysis";
   * const site = 1 + new Rng(4).int(10); // a random site of a 10-site chain
   * ```
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 9007199254740992) {
      throw new NessrefError("invalid-input", `int: n must be an integer in [1, 2^53], got ${n}`, "");
    }
    if (n <= 4294967296) {
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const x = this.nextUint32();
        if (x < limit) return x % n;
      }
    }
    const limit = 9007199254740992 - (9007199254740992 % n);
    for (;;) {
      const x = (this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6);
      if (x < limit) return x % n;
    }
  }

  /**
   * An independent generator for stream number `stream` (e.g. disorder realization r).
   *
   * The child's words are a bijective hash of the parent's current words and the stream
   * number: with g_k = fmix(stream ⊕ fmix(k·0x9E3779B9 + 0x632BE5AB)), t_k = fmix(s_k + g_k)
   * and c_{−1} = 0, the child word c_k = fmix(c_{k−1} ⊕ t_k ⊕ (k+1)·0x9E3779B9) for k = 0..3.
   * Distinct streams give distinct children. The parent is NOT advanced, so forks taken
   * from the same parent state are identical whatever order or worker takes them.
   *
   * @param stream - stream index, an integer in [0, 2^32)
   * @returns a new generator
   * @throws NessrefError("invalid-input") for a bad stream index
   *
   * @example
   * ```ts
   * import { Rng } from "nessref/analysis";
   * const master = new Rng(2024);
   * const fields = master.fork(3).uniform(-1, 1); // realization 3's first field
   * ```
   */
  fork(stream: number): Rng {
    if (!Number.isInteger(stream) || stream < 0 || stream > 0xffffffff) {
      throw new NessrefError("invalid-input", `fork: stream must be an integer in [0, 2^32), got ${stream}`, "");
    }
    const s = [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
    const c: [number, number, number, number] = [0, 0, 0, 0];
    let prev = 0;
    for (let k = 0; k < 4; k++) {
      const g = fmix32((stream ^ fmix32((Math.imul(k, GOLDEN) + 0x632be5ab) >>> 0)) >>> 0);
      const t = fmix32((s[k] + g) >>> 0);
      prev = fmix32((prev ^ t ^ Math.imul(k + 1, GOLDEN)) >>> 0);
      c[k] = prev;
    }
    if ((c[0] | c[1] | c[2] | c[3]) === 0) c[0] = GOLDEN;
    return Rng.fromState({ words: c });
  }
}

/**
 * A new {@link Rng} for the seed (the same as `new Rng(seed)`).
 *
 * @param seed - a finite number or a string
 * @returns the generator
 * @throws NessrefError("invalid-input") for a non-finite seed
 *
 * @example
 * ```ts
 * import { createRng } from "nessref/analysis";
 * const rng = createRng("fig3-realizations");
 * rng.nextFloat();
 * ```
 */
export function createRng(seed: number | string): Rng {
  return new Rng(seed);
}
