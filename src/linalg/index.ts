/**
 * Dense and sparse linear algebra on `Float64Array` — no physics here (DESIGN.md).
 *
 * Real matrices are row-major; complex matrices use split storage (`re`, `im`), see
 * {@link RealMatrix} and {@link ComplexMatrix}.
 *
 * @module linalg
 */
export * from "./matrix.js";
export * from "./dense.js";
export * from "./lu.js";
export * from "./qr.js";
export * from "./symeig.js";
export * from "./tridiag.js";
export * from "./svd.js";
export * from "./schur.js";
export * from "./sylvester.js";
export * from "./expm.js";
export * from "./sparse.js";
export * from "./krylov.js";
export * from "./cg.js";
export * from "./nullspace.js";
export * from "./csymtridiag.js";
