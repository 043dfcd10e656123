/**
 * Dense matrix and vector types shared by all of `linalg/`.
 *
 * Storage (DESIGN.md, "Habits"): row-major `Float64Array`. A real matrix holds its
 * entries in `data`, entry (i, j) at `data[i * cols + j]`. A complex matrix holds real
 * and imaginary parts in two separate arrays `re`, `im` with the same layout (split
 * storage: it is what crosses into other libraries one part at a time, and it keeps real
 * kernels usable on each part).
 *
 * @module
 */

/** Dense real matrix, row-major: entry (i, j) is `data[i * cols + j]`. */
export interface RealMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Entries, row-major, length `rows * cols`. */
  readonly data: Float64Array;
}

/** Dense complex matrix, split storage, row-major: entry (i, j) is `re[i*cols+j] + i·im[i*cols+j]`. */
export interface ComplexMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Real parts, row-major. */
  readonly re: Float64Array;
  /** Imaginary parts, row-major. */
  readonly im: Float64Array;
}

/** Complex vector, split storage. */
export interface ComplexVector {
  /** Real parts. */
  readonly re: Float64Array;
  /** Imaginary parts. */
  readonly im: Float64Array;
}

/**
 * A new real matrix (zero-filled unless `data` is given; `data` is used, not copied).
 *
 * @example
 * ```ts
 * import { realMatrix } from "nessref/linalg";
 * const A = realMatrix(2, 2, Float64Array.of(1, 2, 3, 4)); // [[1,2],[3,4]]
 * ```
 */
export function realMatrix(rows: number, cols: number, data?: Float64Array): RealMatrix {
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) throw new RangeError(`realMatrix: data length ${d.length} ≠ ${rows}×${cols}`);
  return { rows, cols, data: d };
}

/**
 * A new complex matrix (zero-filled unless parts are given; parts are used, not copied).
 *
 * @example
 * ```ts
 * import { complexMatrix } from "nessref/linalg";
 * const Y = complexMatrix(2, 2, Float64Array.of(0, 0, 0, 0), Float64Array.of(0, -1, 1, 0)); // σ^y
 * ```
 */
export function complexMatrix(rows: number, cols: number, re?: Float64Array, im?: Float64Array): ComplexMatrix {
  const r = re ?? new Float64Array(rows * cols);
  const i = im ?? new Float64Array(rows * cols);
  if (r.length !== rows * cols || i.length !== rows * cols) {
    throw new RangeError(`complexMatrix: part lengths ${r.length}/${i.length} ≠ ${rows}×${cols}`);
  }
  return { rows, cols, re: r, im: i };
}

/**
 * A real matrix from nested arrays (rows of equal length).
 *
 * @example
 * ```ts
 * import { fromRows } from "nessref/linalg";
 * const A = fromRows([[2, 1], [1, 3]]);
 * ```
 */
export function fromRows(rows: readonly (readonly number[])[]): RealMatrix {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0]!.length;
  const A = realMatrix(m, n);
  for (let i = 0; i < m; i++) {
    const r = rows[i]!;
    if (r.length !== n) throw new RangeError(`fromRows: row ${i} has ${r.length} entries, expected ${n}`);
    for (let j = 0; j < n; j++) A.data[i * n + j] = r[j]!;
  }
  return A;
}

/**
 * A complex matrix from nested arrays of real and imaginary parts (CONTRACT.md's
 * `{ "re": [[…]], "im": [[…]] }` shape).
 *
 * @example
 * ```ts
 * import { complexFromRows } from "nessref/linalg";
 * const Y = complexFromRows({ re: [[0, 0], [0, 0]], im: [[0, -1], [1, 0]] });
 * ```
 */
export function complexFromRows(parts: { re: readonly (readonly number[])[]; im?: readonly (readonly number[])[] }): ComplexMatrix {
  const R = fromRows(parts.re);
  const I = parts.im ? fromRows(parts.im) : realMatrix(R.rows, R.cols);
  if (I.rows !== R.rows || I.cols !== R.cols) throw new RangeError("complexFromRows: re and im shapes differ");
  return complexMatrix(R.rows, R.cols, R.data, I.data);
}

/**
 * Nested arrays of a real matrix (for JSON output and printing).
 *
 * @example
 * ```ts
 * import { fromRows, toRows } from "nessref/linalg";
 * toRows(fromRows([[1, 2]])); // [[1, 2]]
 * ```
 */
export function toRows(A: RealMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < A.rows; i++) out.push(Array.from(A.data.subarray(i * A.cols, (i + 1) * A.cols)));
  return out;
}

/**
 * `{ re, im }` nested arrays of a complex matrix (CONTRACT.md's complex shape).
 *
 * @example
 * ```ts
 * import { complexMatrix, complexToRows } from "nessref/linalg";
 * complexToRows(complexMatrix(1, 1)); // { re: [[0]], im: [[0]] }
 * ```
 */
export function complexToRows(A: ComplexMatrix): {
  /** real parts, one array per row */ re: number[][];
  /** imaginary parts, one array per row */ im: number[][];
} {
  return {
    re: toRows({ rows: A.rows, cols: A.cols, data: A.re }),
    im: toRows({ rows: A.rows, cols: A.cols, data: A.im }),
  };
}

/**
 * Identity matrix of size n.
 *
 * @example
 * ```ts
 * import { identity } from "nessref/linalg";
 * identity(3).data[4]; // 1
 * ```
 */
export function identity(n: number): RealMatrix {
  const I = realMatrix(n, n);
  for (let i = 0; i < n; i++) I.data[i * n + i] = 1;
  return I;
}

/**
 * Complex identity matrix of size n.
 *
 * @example
 * ```ts
 * import { complexIdentity } from "nessref/linalg";
 * complexIdentity(2).re; // Float64Array [1, 0, 0, 1]
 * ```
 */
export function complexIdentity(n: number): ComplexMatrix {
  const I = complexMatrix(n, n);
  for (let i = 0; i < n; i++) I.re[i * n + i] = 1;
  return I;
}

/**
 * The complex matrix with the given real part and zero imaginary part (copies).
 *
 * @example
 * ```ts
 * import { fromRows, toComplex } from "nessref/linalg";
 * toComplex(fromRows([[1]])).im[0]; // 0
 * ```
 */
export function toComplex(A: RealMatrix): ComplexMatrix {
  return complexMatrix(A.rows, A.cols, Float64Array.from(A.data), new Float64Array(A.data.length));
}

/**
 * Deep copy of a real matrix.
 *
 * @example
 * ```ts
 * import { identity, cloneReal } from "nessref/linalg";
 * const B = cloneReal(identity(2));
 * ```
 */
export function cloneReal(A: RealMatrix): RealMatrix {
  return realMatrix(A.rows, A.cols, Float64Array.from(A.data));
}

/**
 * Deep copy of a complex matrix.
 *
 * @example
 * ```ts
 * import { complexIdentity, cloneComplex } from "nessref/linalg";
 * const B = cloneComplex(complexIdentity(2));
 * ```
 */
export function cloneComplex(A: ComplexMatrix): ComplexMatrix {
  return complexMatrix(A.rows, A.cols, Float64Array.from(A.re), Float64Array.from(A.im));
}
