/**
 * Minimal ambient types for `eigen@0.2.0` (the WebAssembly port of Eigen, which ships no
 * TypeScript types). Only the members used by the second road (`spec/linalg-eigen.spec.ts`)
 * and the benchmark (`bench/linalg/run.ts`) are declared; their shapes were found by
 * exploring the package at run time (see bench/README.md, "eigen@0.2.0 API").
 */
declare module "eigen" {
  /** A complex scalar (returned by `ComplexDenseMatrix.get`). */
  export interface EigComplex {
    real(): number;
    imag(): number;
  }
  /** Dense real matrix living in WebAssembly memory (column-major inside Eigen). */
  export interface EigMatrix {
    rows(): number;
    cols(): number;
    get(i: number, j: number): number;
    set(i: number, j: number, v: number): void;
    det(): number;
    inverse(): EigMatrix;
    transpose(): EigMatrix;
    matMul(B: EigMatrix): EigMatrix;
    matMulSelf(B: EigMatrix): EigMatrix;
    norm(): number;
    print(label: string): void;
  }
  /** Dense complex matrix (arithmetic only, no decompositions). */
  export interface EigComplexMatrix {
    rows(): number;
    cols(): number;
    get(i: number, j: number): EigComplex;
    inverse(): EigComplexMatrix;
  }
  /** Constructor of {@link EigMatrix}: `(rows, cols)` zero-filled, or nested arrays. */
  export interface EigMatrixCtor {
    new (rows: number, cols: number): EigMatrix;
    new (data: number[][] | number[]): EigMatrix;
    identity(m: number, n: number): EigMatrix;
  }
  /** The module object (default export). */
  export interface EigModule {
    ready: Promise<unknown>;
    GC: {
      flush(): number;
      pushException(...objs: unknown[]): void;
      popException(...objs: unknown[]): void;
    };
    Matrix: EigMatrixCtor;
    Decompositions: {
      /** Full-pivoting LU: `{ L, U, P, Q }`. */
      lu(A: EigMatrix): { L: EigMatrix; U: EigMatrix; P: EigMatrix; Q: EigMatrix };
      /** Householder QR (no pivoting): `{ Q (full, m×m), R (m×n) }`. */
      qr(A: EigMatrix): { Q: EigMatrix; R: EigMatrix };
      /** Jacobi SVD; `thin = true` gives thin U, V. Singular values `sv` (k×1), descending. */
      svd(A: EigMatrix, thin: boolean): { sv: EigMatrix; U: EigMatrix; V: EigMatrix };
      cholesky(A: EigMatrix): { L: EigMatrix };
    };
    Solvers: {
      /** General real EigenSolver; values k×1 complex, vectors n×n complex. Pass `true`:
       * with `false` eigen-js still reads the vectors and Eigen's assertion fires. */
      eigenSolve(
        A: EigMatrix,
        computeVectors: boolean,
      ): { info: unknown; eigenvalues: EigComplexMatrix; eigenvectors: EigComplexMatrix };
    };
  }
  const eig: EigModule;
  export default eig;
}
