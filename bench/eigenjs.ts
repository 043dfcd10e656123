/**
 * A thin typed bridge to `eigen@0.2.0` (WebAssembly Eigen) for the second road and the
 * benchmark: copy a {@link RealMatrix} in (one `set` per entry: that is how elements cross
 * the WebAssembly boundary) and copy results out.
 *
 * Memory: every eigen object lives until `eig.GC.flush()`; callers flush after each case.
 *
 * @module
 */
import eig from "eigen";
import type { EigMatrix, EigModule } from "eigen";
import { realMatrix, type RealMatrix } from "../src/linalg/matrix.js";

let readyPromise: Promise<EigModule> | undefined;

/**
 * The initialised eigen module (awaits `eig.ready` once).
 *
 * @example
 * ```ts
 * const eig = await eigenReady();
 * const M = new eig.Matrix(2, 2);
 * eig.GC.flush();
 * ```
 */
export function eigenReady(): Promise<EigModule> {
  if (!readyPromise) readyPromise = eig.ready.then(() => eig);
  return readyPromise;
}

/**
 * Copy a real matrix into a new eigen matrix (entry by entry).
 *
 * @param e - the initialised eigen module
 * @param A - the matrix to copy
 * @returns a new eigen matrix (freed by the next `GC.flush()`)
 */
export function toEigen(e: EigModule, A: RealMatrix): EigMatrix {
  const M = new e.Matrix(A.rows, A.cols);
  const { rows, cols, data } = A;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) M.set(i, j, data[off + j]);
  }
  return M;
}

/**
 * Copy an eigen matrix out into a new {@link RealMatrix}.
 *
 * @param M - the eigen matrix
 */
export function fromEigen(M: EigMatrix): RealMatrix {
  const rows = M.rows();
  const cols = M.cols();
  const out = realMatrix(rows, cols);
  const d = out.data;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) d[off + j] = M.get(i, j);
  }
  return out;
}

/**
 * Copy an eigen column vector (k×1) out into a Float64Array.
 *
 * @param M - a k×1 eigen matrix
 */
export function vectorFromEigen(M: EigMatrix): Float64Array {
  const k = M.rows();
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = M.get(i, 0);
  return out;
}

/**
 * Eigen's singular values of `A` (descending), via its Jacobi SVD.
 *
 * @param e - the initialised eigen module
 * @param A - any real matrix
 */
export function eigenSingularValues(e: EigModule, A: RealMatrix): Float64Array {
  const r = e.Decompositions.svd(toEigen(e, A), true);
  return vectorFromEigen(r.sv);
}

/**
 * Eigen's eigenvalues of a general real square matrix (unordered), as `{re, im}` arrays
 * (eigen's general real `EigenSolver`: Hessenberg reduction + Francis QR).
 *
 * @param e - the initialised eigen module
 * @param A - a real square matrix
 */
export function eigenEigenvalues(e: EigModule, A: RealMatrix): { re: Float64Array; im: Float64Array } {
  // eigen-js always reads the eigenvectors back: computeVectors = false trips Eigen's
  // "eigenvectors have not been computed" assertion, so vectors are always computed.
  const r = e.Solvers.eigenSolve(toEigen(e, A), true);
  const ev = r.eigenvalues;
  const k = ev.rows();
  const re = new Float64Array(k);
  const im = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const c = ev.get(i, 0);
    re[i] = c.real();
    im[i] = c.imag();
  }
  return { re, im };
}
