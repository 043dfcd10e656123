/**
 * Sparse matrices in compressed sparse row (CSR) form, real and complex, with triplet
 * builders, matrix–vector products, transposes and linear-operator wrappers.
 *
 * CSR layout (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §3.4): the
 * entries of row i are `colIdx[rowPtr[i] .. rowPtr[i+1]-1]` with values at the same
 * positions; column indices are strictly increasing within a row (no duplicates). A
 * complex matrix uses split storage (`re`, `im`), as the dense {@link ComplexMatrix}.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, realMatrix, type ComplexMatrix, type ComplexVector, type RealMatrix } from "./matrix.js";

/**
 * Real sparse matrix in CSR form (Saad, 2nd ed., §3.4).
 *
 * @example
 * ```ts
 * import { csrFromDense, fromRows } from "nessref/linalg";
 * const A = csrFromDense(fromRows([[1, 0], [0, 2]]));
 * A.rowPtr; // Int32Array [0, 1, 2]
 * ```
 */
export interface CsrMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row pointers, length `rows + 1`; row i occupies positions `rowPtr[i] .. rowPtr[i+1]-1`. */
  readonly rowPtr: Int32Array;
  /** Column index of each stored entry, strictly increasing within a row. */
  readonly colIdx: Int32Array;
  /** Value of each stored entry. */
  readonly values: Float64Array;
}

/**
 * Complex sparse matrix in CSR form, split storage (as {@link CsrMatrix}).
 *
 * @example
 * ```ts
 * import { ccsrFromDense, complexIdentity } from "nessref/linalg";
 * ccsrFromDense(complexIdentity(3)).re; // Float64Array [1, 1, 1]
 * ```
 */
export interface CsrComplexMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row pointers, length `rows + 1`. */
  readonly rowPtr: Int32Array;
  /** Column index of each stored entry, strictly increasing within a row. */
  readonly colIdx: Int32Array;
  /** Real parts of the stored entries. */
  readonly re: Float64Array;
  /** Imaginary parts of the stored entries. */
  readonly im: Float64Array;
}

/**
 * A real linear operator given by its action: writes `y ← A x` (y is overwritten; x is not modified).
 *
 * @example
 * ```ts
 * import type { LinearOperator } from "nessref/linalg";
 * const double: LinearOperator = (x, y) => { for (let i = 0; i < x.length; i++) y[i] = 2 * x[i]; };
 * ```
 */
export type LinearOperator = (x: Float64Array, y: Float64Array) => void;

/**
 * A complex linear operator given by its action: writes `y ← A x` (y is overwritten; x is not modified).
 *
 * @example
 * ```ts
 * import type { ComplexLinearOperator } from "nessref/linalg";
 * const timesI: ComplexLinearOperator = (x, y) => {
 *   for (let k = 0; k < x.re.length; k++) { y.re[k] = -x.im[k]; y.im[k] = x.re[k]; }
 * };
 * ```
 */
export type ComplexLinearOperator = (x: ComplexVector, y: ComplexVector) => void;

function checkIndex(op: string, i: number, j: number, rows: number, cols: number): void {
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= rows || j >= cols) {
    throw new NessrefError("invalid-input", `${op}: index (${i}, ${j}) outside a ${rows}×${cols} matrix`, "");
  }
}

function checkDims(op: string, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new NessrefError("invalid-input", `${op}: invalid dimensions ${rows}×${cols}`, "");
  }
}

/**
 * Sort the (row, col, value) triplets into CSR order and sum duplicates.
 * Counting sort by row, then per-row insertion/sort by column. Returns the compressed
 * arrays. `vals` holds one array per value part (1 for real, 2 for complex).
 */
function compress(
  rows: number,
  count: number,
  ri: Int32Array,
  ci: Int32Array,
  vals: Float64Array[],
  dropZeros: boolean,
): { rowPtr: Int32Array; colIdx: Int32Array; parts: Float64Array[] } {
  const np = vals.length;
  // Counting sort by row.
  const start = new Int32Array(rows + 1);
  for (let k = 0; k < count; k++) start[ri[k] + 1]++;
  for (let i = 0; i < rows; i++) start[i + 1] += start[i];
  const next = Int32Array.from(start.subarray(0, rows));
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[next[ri[k]]++] = k;
  // Within each row: sort positions by column, then merge duplicates.
  const colIdx = new Int32Array(count);
  const parts: Float64Array[] = [];
  for (let p = 0; p < np; p++) parts.push(new Float64Array(count));
  const rowPtr = new Int32Array(rows + 1);
  let out = 0;
  let seg: number[] = [];
  for (let i = 0; i < rows; i++) {
    const a = start[i];
    const b = start[i + 1];
    rowPtr[i] = out;
    if (b - a === 0) continue;
    seg = Array.from(order.subarray(a, b));
    let sorted = true;
    for (let k = 1; k < seg.length; k++) {
      const c0 = ci[seg[k - 1]];
      const c1 = ci[seg[k]];
      if (c1 < c0 || (c1 === c0 && seg[k] < seg[k - 1])) {
        sorted = false;
        break;
      }
    }
    // Stable by column (ties in insertion order, so duplicates sum in push order).
    if (!sorted) seg.sort((x, y) => ci[x] - ci[y] || x - y);
    let k = 0;
    while (k < seg.length) {
      const c = ci[seg[k]];
      for (let p = 0; p < np; p++) parts[p][out] = 0;
      while (k < seg.length && ci[seg[k]] === c) {
        for (let p = 0; p < np; p++) parts[p][out] += vals[p][seg[k]];
        k++;
      }
      let zero = true;
      for (let p = 0; p < np; p++) if (parts[p][out] !== 0) zero = false;
      if (dropZeros && zero) continue;
      colIdx[out] = c;
      out++;
    }
  }
  rowPtr[rows] = out;
  return {
    rowPtr,
    colIdx: colIdx.slice(0, out),
    parts: parts.map((v) => v.slice(0, out)),
  };
}

/**
 * Accumulates real (i, j, v) triplets (coordinate form) and compresses them to CSR.
 * Storage grows geometrically (typed arrays, doubled on demand).
 *
 * @example
 * ```ts
 * import { TripletBuilder, csrToDense } from "nessref/linalg";
 * const b = new TripletBuilder(2, 2);
 * b.push(0, 0, 1); b.push(0, 0, 2); b.push(1, 0, -1);
 * csrToDense(b.toCsr()).data; // Float64Array [3, 0, -1, 0]
 * ```
 */
export class TripletBuilder {
  /** Number of rows of the matrix being built. */
  readonly rows: number;
  /** Number of columns of the matrix being built. */
  readonly cols: number;
  private ri: Int32Array;
  private ci: Int32Array;
  private v: Float64Array;
  private n = 0;

  /**
   * @param rows - number of rows
   * @param cols - number of columns
   * @param capacity - initial number of triplets to reserve (grows as needed)
   */
  constructor(rows: number, cols: number, capacity = 16) {
    checkDims("TripletBuilder", rows, cols);
    this.rows = rows;
    this.cols = cols;
    const c = Math.max(1, Math.floor(capacity));
    this.ri = new Int32Array(c);
    this.ci = new Int32Array(c);
    this.v = new Float64Array(c);
  }

  /** Number of triplets pushed so far (duplicates counted separately). */
  get length(): number {
    return this.n;
  }

  /**
   * Add `v` to entry (i, j). Duplicates are summed by {@link TripletBuilder.toCsr}.
   *
   * @param i - row index, 0-based
   * @param j - column index, 0-based
   * @param v - value (finite)
   */
  push(i: number, j: number, v: number): void {
    checkIndex("TripletBuilder.push", i, j, this.rows, this.cols);
    if (!Number.isFinite(v)) throw new NessrefError("invalid-input", `TripletBuilder.push: non-finite value at (${i}, ${j})`, "");
    if (this.n === this.v.length) {
      const c = 2 * this.n;
      const ri = new Int32Array(c);
      ri.set(this.ri);
      const ci = new Int32Array(c);
      ci.set(this.ci);
      const v2 = new Float64Array(c);
      v2.set(this.v);
      this.ri = ri;
      this.ci = ci;
      this.v = v2;
    }
    this.ri[this.n] = i;
    this.ci[this.n] = j;
    this.v[this.n] = v;
    this.n++;
  }

  /**
   * Compress to CSR: duplicates summed, columns sorted within each row.
   *
   * @param dropZeros - drop entries whose (summed) value is exactly zero (default true)
   * @returns the CSR matrix
   */
  toCsr(dropZeros = true): CsrMatrix {
    const { rowPtr, colIdx, parts } = compress(this.rows, this.n, this.ri, this.ci, [this.v], dropZeros);
    return { rows: this.rows, cols: this.cols, rowPtr, colIdx, values: parts[0] };
  }
}

/**
 * Accumulates complex (i, j, re, im) triplets and compresses them to CSR.
 *
 * @example
 * ```ts
 * import { ComplexTripletBuilder } from "nessref/linalg";
 * const b = new ComplexTripletBuilder(2, 2);
 * b.push(0, 1, 0, -1); b.push(1, 0, 0, 1); // σ^y
 * b.toCsr().im; // Float64Array [-1, 1]
 * ```
 */
export class ComplexTripletBuilder {
  /** Number of rows of the matrix being built. */
  readonly rows: number;
  /** Number of columns of the matrix being built. */
  readonly cols: number;
  private ri: Int32Array;
  private ci: Int32Array;
  private vr: Float64Array;
  private vi: Float64Array;
  private n = 0;

  /**
   * @param rows - number of rows
   * @param cols - number of columns
   * @param capacity - initial number of triplets to reserve (grows as needed)
   */
  constructor(rows: number, cols: number, capacity = 16) {
    checkDims("ComplexTripletBuilder", rows, cols);
    this.rows = rows;
    this.cols = cols;
    const c = Math.max(1, Math.floor(capacity));
    this.ri = new Int32Array(c);
    this.ci = new Int32Array(c);
    this.vr = new Float64Array(c);
    this.vi = new Float64Array(c);
  }

  /** Number of triplets pushed so far (duplicates counted separately). */
  get length(): number {
    return this.n;
  }

  /**
   * Add `re + i·im` to entry (i, j). Duplicates are summed by {@link ComplexTripletBuilder.toCsr}.
   *
   * @param i - row index, 0-based
   * @param j - column index, 0-based
   * @param re - real part (finite)
   * @param im - imaginary part (finite, default 0)
   */
  push(i: number, j: number, re: number, im = 0): void {
    checkIndex("ComplexTripletBuilder.push", i, j, this.rows, this.cols);
    if (!Number.isFinite(re) || !Number.isFinite(im)) {
      throw new NessrefError("invalid-input", `ComplexTripletBuilder.push: non-finite value at (${i}, ${j})`, "");
    }
    if (this.n === this.vr.length) {
      const c = 2 * this.n;
      const ri = new Int32Array(c);
      ri.set(this.ri);
      const ci = new Int32Array(c);
      ci.set(this.ci);
      const vr = new Float64Array(c);
      vr.set(this.vr);
      const vi = new Float64Array(c);
      vi.set(this.vi);
      this.ri = ri;
      this.ci = ci;
      this.vr = vr;
      this.vi = vi;
    }
    this.ri[this.n] = i;
    this.ci[this.n] = j;
    this.vr[this.n] = re;
    this.vi[this.n] = im;
    this.n++;
  }

  /**
   * Compress to CSR: duplicates summed, columns sorted within each row.
   *
   * @param dropZeros - drop entries whose summed value is exactly 0 + 0i (default true)
   * @returns the complex CSR matrix
   */
  toCsr(dropZeros = true): CsrComplexMatrix {
    const { rowPtr, colIdx, parts } = compress(this.rows, this.n, this.ri, this.ci, [this.vr, this.vi], dropZeros);
    return { rows: this.rows, cols: this.cols, rowPtr, colIdx, re: parts[0], im: parts[1] };
  }
}

/**
 * Number of stored entries of a CSR matrix (real or complex).
 *
 * @param A - the sparse matrix
 * @returns `rowPtr[rows]`
 *
 * @example
 * ```ts
 * import { csrFromDense, identity, nnz } from "nessref/linalg";
 * nnz(csrFromDense(identity(4))); // 4
 * ```
 */
export function nnz(A: CsrMatrix | CsrComplexMatrix): number {
  return A.rowPtr[A.rows];
}

/**
 * CSR form of a dense real matrix (exact zeros are not stored).
 *
 * @param A - dense matrix
 * @returns the CSR matrix
 *
 * @example
 * ```ts
 * import { csrFromDense, fromRows } from "nessref/linalg";
 * csrFromDense(fromRows([[0, 5], [0, 0]])).colIdx; // Int32Array [1]
 * ```
 */
export function csrFromDense(A: RealMatrix): CsrMatrix {
  const { rows, cols, data } = A;
  let count = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) count++;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(count);
  const values = new Float64Array(count);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[o + j];
      if (v !== 0) {
        colIdx[p] = j;
        values[p++] = v;
      }
    }
    rowPtr[i + 1] = p;
  }
  return { rows, cols, rowPtr, colIdx, values };
}

/**
 * CSR form of a dense complex matrix (entries with re = im = 0 are not stored).
 *
 * @param A - dense complex matrix
 * @returns the complex CSR matrix
 *
 * @example
 * ```ts
 * import { ccsrFromDense, complexFromRows } from "nessref/linalg";
 * ccsrFromDense(complexFromRows({ re: [[0, 0], [0, 0]], im: [[0, -1], [1, 0]] })).colIdx; // [1, 0]
 * ```
 */
export function ccsrFromDense(A: ComplexMatrix): CsrComplexMatrix {
  const { rows, cols } = A;
  const ar = A.re;
  const ai = A.im;
  let count = 0;
  for (let k = 0; k < ar.length; k++) if (ar[k] !== 0 || ai[k] !== 0) count++;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(count);
  const re = new Float64Array(count);
  const im = new Float64Array(count);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      if (ar[o + j] !== 0 || ai[o + j] !== 0) {
        colIdx[p] = j;
        re[p] = ar[o + j];
        im[p++] = ai[o + j];
      }
    }
    rowPtr[i + 1] = p;
  }
  return { rows, cols, rowPtr, colIdx, re, im };
}

/**
 * Dense form of a real CSR matrix (entries accumulated, so unsorted or duplicate
 * entries of a hand-built CSR are summed).
 *
 * @param A - sparse matrix
 * @returns the dense matrix
 *
 * @example
 * ```ts
 * import { csrFromDense, csrToDense, identity } from "nessref/linalg";
 * csrToDense(csrFromDense(identity(2))).data; // Float64Array [1, 0, 0, 1]
 * ```
 */
export function csrToDense(A: CsrMatrix): RealMatrix {
  const D = realMatrix(A.rows, A.cols);
  const d = D.data;
  const { rowPtr, colIdx, values, cols } = A;
  for (let i = 0; i < A.rows; i++) {
    const o = i * cols;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) d[o + colIdx[p]] += values[p];
  }
  return D;
}

/**
 * Dense form of a complex CSR matrix.
 *
 * @param A - complex sparse matrix
 * @returns the dense complex matrix
 *
 * @example
 * ```ts
 * import { ccsrFromDense, ccsrToDense, complexIdentity } from "nessref/linalg";
 * ccsrToDense(ccsrFromDense(complexIdentity(2))).re; // Float64Array [1, 0, 0, 1]
 * ```
 */
export function ccsrToDense(A: CsrComplexMatrix): ComplexMatrix {
  const D = complexMatrix(A.rows, A.cols);
  const dr = D.re;
  const di = D.im;
  const { rowPtr, colIdx, re, im, cols } = A;
  for (let i = 0; i < A.rows; i++) {
    const o = i * cols;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      dr[o + colIdx[p]] += re[p];
      di[o + colIdx[p]] += im[p];
    }
  }
  return D;
}

/**
 * Sparse matrix–vector product y = A x (row-oriented CSR kernel, Saad 2nd ed., Alg. 3.1 analogue).
 *
 * @param A - m×n sparse matrix
 * @param x - vector of length n
 * @param y - optional output of length m (overwritten and returned); must not alias x
 * @returns y = A x
 * @throws NessrefError("invalid-input") on mismatched lengths
 *
 * @example
 * ```ts
 * import { csrFromDense, csrMatvec, fromRows } from "nessref/linalg";
 * csrMatvec(csrFromDense(fromRows([[1, 2], [0, 3]])), Float64Array.of(1, 1)); // [3, 3]
 * ```
 */
export function csrMatvec(A: CsrMatrix, x: Float64Array, y?: Float64Array): Float64Array {
  if (x.length !== A.cols) {
    throw new NessrefError("invalid-input", `csrMatvec: x has length ${x.length}, expected ${A.cols}`, "");
  }
  const out = y ?? new Float64Array(A.rows);
  if (out.length !== A.rows) {
    throw new NessrefError("invalid-input", `csrMatvec: y has length ${out.length}, expected ${A.rows}`, "");
  }
  const { rowPtr, colIdx, values } = A;
  const m = A.rows;
  for (let i = 0; i < m; i++) {
    let s = 0;
    const e = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < e; p++) s += values[p] * x[colIdx[p]];
    out[i] = s;
  }
  return out;
}

/**
 * Complex sparse matrix–vector product y = A x.
 *
 * @param A - m×n complex sparse matrix
 * @param x - complex vector of length n
 * @param y - optional output of length m (overwritten and returned); must not alias x
 * @returns y = A x
 * @throws NessrefError("invalid-input") on mismatched lengths
 *
 * @example
 * ```ts
 * import { ccsrFromDense, ccsrMatvec, complexIdentity } from "nessref/linalg";
 * ccsrMatvec(ccsrFromDense(complexIdentity(2)), { re: Float64Array.of(1, 2), im: Float64Array.of(0, 1) }).im; // [0, 1]
 * ```
 */
export function ccsrMatvec(A: CsrComplexMatrix, x: ComplexVector, y?: ComplexVector): ComplexVector {
  if (x.re.length !== A.cols || x.im.length !== A.cols) {
    throw new NessrefError("invalid-input", `ccsrMatvec: x has length ${x.re.length}/${x.im.length}, expected ${A.cols}`, "");
  }
  const out = y ?? { re: new Float64Array(A.rows), im: new Float64Array(A.rows) };
  if (out.re.length !== A.rows || out.im.length !== A.rows) {
    throw new NessrefError("invalid-input", `ccsrMatvec: y has length ${out.re.length}/${out.im.length}, expected ${A.rows}`, "");
  }
  const { rowPtr, colIdx, re, im } = A;
  const xr = x.re;
  const xi = x.im;
  const yr = out.re;
  const yi = out.im;
  const m = A.rows;
  for (let i = 0; i < m; i++) {
    let sr = 0;
    let si = 0;
    const e = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < e; p++) {
      const c = colIdx[p];
      const a = re[p];
      const b = im[p];
      const u = xr[c];
      const v = xi[c];
      sr += a * u - b * v;
      si += a * v + b * u;
    }
    yr[i] = sr;
    yi[i] = si;
  }
  return out;
}

/** Column counts → transposed row pointers and scatter positions (shared by transpose/adjoint). */
function transposePattern(A: { rows: number; cols: number; rowPtr: Int32Array; colIdx: Int32Array }): {
  rowPtr: Int32Array;
  colIdx: Int32Array;
  dest: Int32Array;
} {
  const nz = A.rowPtr[A.rows];
  const rowPtr = new Int32Array(A.cols + 1);
  for (let p = 0; p < nz; p++) rowPtr[A.colIdx[p] + 1]++;
  for (let j = 0; j < A.cols; j++) rowPtr[j + 1] += rowPtr[j];
  const next = Int32Array.from(rowPtr.subarray(0, A.cols));
  const colIdx = new Int32Array(nz);
  const dest = new Int32Array(nz);
  // Rows visited in increasing order, so the new column indices come out sorted.
  for (let i = 0; i < A.rows; i++) {
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
      const q = next[A.colIdx[p]]++;
      colIdx[q] = i;
      dest[p] = q;
    }
  }
  return { rowPtr, colIdx, dest };
}

/**
 * Transpose Aᵀ of a real CSR matrix (a counting sort by column, O(nnz + m + n)).
 *
 * @param A - m×n sparse matrix
 * @returns the n×m transpose, columns sorted within rows
 *
 * @example
 * ```ts
 * import { csrFromDense, csrTranspose, csrToDense, fromRows } from "nessref/linalg";
 * csrToDense(csrTranspose(csrFromDense(fromRows([[1, 2]])))).data; // [1, 2] as a 2×1
 * ```
 */
export function csrTranspose(A: CsrMatrix): CsrMatrix {
  const { rowPtr, colIdx, dest } = transposePattern(A);
  const values = new Float64Array(dest.length);
  for (let p = 0; p < dest.length; p++) values[dest[p]] = A.values[p];
  return { rows: A.cols, cols: A.rows, rowPtr, colIdx, values };
}

/**
 * Conjugate transpose A† of a complex CSR matrix.
 *
 * @param A - m×n complex sparse matrix
 * @returns the n×m adjoint, columns sorted within rows
 *
 * @example
 * ```ts
 * import { ccsrAdjoint, ccsrFromDense, complexFromRows } from "nessref/linalg";
 * ccsrAdjoint(ccsrFromDense(complexFromRows({ re: [[0, 1]], im: [[2, 0]] }))).im; // [-2, -0]
 * ```
 */
export function ccsrAdjoint(A: CsrComplexMatrix): CsrComplexMatrix {
  const { rowPtr, colIdx, dest } = transposePattern(A);
  const re = new Float64Array(dest.length);
  const im = new Float64Array(dest.length);
  for (let p = 0; p < dest.length; p++) {
    re[dest[p]] = A.re[p];
    im[dest[p]] = -A.im[p];
  }
  return { rows: A.cols, cols: A.rows, rowPtr, colIdx, re, im };
}

/**
 * The {@link LinearOperator} `(x, y) => y ← A x` of a square or rectangular real CSR matrix.
 *
 * @param A - sparse matrix
 * @returns the operator
 *
 * @example
 * ```ts
 * import { csrFromDense, csrOperator, identity, gmres } from "nessref/linalg";
 * gmres(csrOperator(csrFromDense(identity(3))), Float64Array.of(1, 2, 3)).x; // [1, 2, 3]
 * ```
 */
export function csrOperator(A: CsrMatrix): LinearOperator {
  return (x, y) => {
    csrMatvec(A, x, y);
  };
}

/**
 * The {@link ComplexLinearOperator} `(x, y) => y ← A x` of a complex CSR matrix.
 *
 * @param A - complex sparse matrix
 * @returns the operator
 *
 * @example
 * ```ts
 * import { ccsrFromDense, ccsrOperator, complexIdentity, cgmres } from "nessref/linalg";
 * cgmres(ccsrOperator(ccsrFromDense(complexIdentity(2))), { re: Float64Array.of(1, 0), im: Float64Array.of(0, 1) }).x.im; // [0, 1]
 * ```
 */
export function ccsrOperator(A: CsrComplexMatrix): ComplexLinearOperator {
  return (x, y) => {
    ccsrMatvec(A, x, y);
  };
}
