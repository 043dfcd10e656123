#!/usr/bin/python3
"""SciPy peer of bench/hydro: thermal resistor networks of MODELS §4 ([P4] and its SM).

Every island i has a sink and a source; the steady state solves

    0 = Σ_{j~i} Γ_ij (T_j − T_i) − ε g1_i (T_i − T0) + ε θ g2_i,   Γ = ε κ0 / ℓ^{2−d} + Γ0 e^{−ℓ/a},

i.e. A x = b with x = T − T0, A = (graph Laplacian of Γ) + diag(ε g1), b = ε θ g2. Both
subcommands read raw little-endian float64 (and int32) files written by run.ts (the same
realizations nessref's ensemble draws); reading them is not timed.

``ensemble DIR --repeats N --solvers banded,hbanded,ptsv``
    The [P4] Fig. 1 statistic of a 1D ensemble: DIR/meta.json (R, N, points = ε values, a, κ0,
    Γ0, T0, θ) and DIR/lengths.f64 (R×(N−1)), DIR/g1.f64, DIR/g2.f64 (R×N), realization-major.
    Timed, per solver: the conductances of every realization (e^{−ℓ/a} once, then
    Γ = (ε κ0)/ℓ + Γ0 e^{−ℓ/a} per ε, vectorized over the realizations), the tridiagonal matrix of
    every (realization, ε) and its solve in a Python loop, then Mean_i T_i and the population
    Var_i T_i (vectorized) and δT/T̄ = √(mean_r Var_i T_i) / mean_r Mean_i T_i per ε. Solvers:
      banded   scipy.linalg.solve_banded((1, 1), ab, b)  → LAPACK dgtsv (LU, partial pivoting)
      hbanded  scipy.linalg.solveh_banded(ab, b)         → LAPACK dptsv (L D Lᵀ, no pivoting)
      ptsv     scipy.linalg.lapack.dptsv(d, e, b)        → the same LAPACK routine without the
               wrapper's argument checks (extra row: how much of the loop is Python overhead)
    all with check_finite=False and overwrite of the freshly built arrays (the wrapper's fastest
    settings). Untimed warm-up (every solver, 5 realizations), then the median of N repeats.
    Writes per solver DIR/peer-<solver>.f64: Mean_i T_i and Var_i T_i per (realization, ε),
    layout [r][k][mean, var] (nessref's `samples`).

``grid DIR/grid-<tag>.json --repeats N``
    One 2D solve of the matrix assembled by run.ts: CSR files (indptr, indices int32; data, b
    float64) named in the JSON, n unknowns. Solvers, each timed (median of N after an untimed
    run that also counts the iterations with a callback):
      cg-jacobi  scipy.sparse.linalg.cg(A, b, tol, atol=0, M = diag(A)⁻¹ as a sparse matrix;
                 building M is timed)
      cg         the same without M
      spsolve    scipy.sparse.linalg.spsolve(A (CSC), b): SuperLU, the accuracy reference
    cg's tol is the tightest of 1e-12, 1e-11, … at which it reports convergence (SciPy 1.10
    stops on the recursively updated residual ‖r‖ ≤ tol·‖b‖ and re-checks the true one); the
    untimed attempts, failed ones included (info > 0: maxiter = 10 n reached), are in ``tried``;
    ``--tols cg-jacobi=1e-11,cg=1e-11`` fixes them (run.ts passes round 1's choice to later rounds).
    Writes the temperatures T = T0 + x of each solver to <prefix>-<solver>.f64.

Each prints one JSON line on standard output, including ``versions`` {python, numpy, scipy,
blasLibrary, blasConfig, blasCore, blasThreads}.

Environment: run.ts removes OPENBLAS_L2_SIZE and (default) OPENBLAS_CORETYPE for this process only.
Needs Debian's /usr/bin/python3 with python3-numpy and python3-scipy (not the pyenv python3).
"""
import argparse
import json
import os
import platform
import resource
import sys
import time

import numpy as np
import scipy
import scipy.linalg as sla
import scipy.sparse as sp
import scipy.sparse.linalg as spla

# the shared BLAS helper: bench/common/peer_info.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from peer_info import openblas_info  # noqa: E402


def blas_info():
    info = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}
    info.update(openblas_info())
    return info


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else 0.5 * (s[m - 1] + s[m])


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_f64(path, shape):
    x = np.fromfile(path, dtype="<f8")
    if x.size != int(np.prod(shape)):
        raise SystemExit(f"scipy_peer: {path} holds {x.size} values, expected {shape}")
    return x.reshape(shape)


# ------------------------------------------------------------------------------------------------
# 1D ensemble

SOLVERS_1D = {
    "banded": "scipy.linalg.solve_banded((1, 1), ab, b, overwrite_ab=True, overwrite_b=True, check_finite=False) → LAPACK dgtsv",
    "hbanded": "scipy.linalg.solveh_banded(ab, b, overwrite_ab=True, overwrite_b=True, check_finite=False) → LAPACK dptsv",
    "ptsv": "scipy.linalg.lapack.dptsv(d, e, b, overwrite_d=1, overwrite_e=1, overwrite_b=1), called directly",
}


def ensemble_stats(L, g1, g2, p, solver, rows=None):
    """The timed work: conductances, one tridiagonal solve per (realization, ε), the statistics.

    Returns samples [r][k][mean, var] and δT/T̄ per ε.
    """
    if rows is not None:
        L, g1, g2 = L[:rows], g1[:rows], g2[:rows]
    R, N = g1.shape
    pts = p["points"]
    a, kappa0, Gamma0, T0, theta = p["a"], p["kappa0"], p["Gamma0"], p["T0"], p["theta"]
    E = Gamma0 * np.exp(-L / a)  # once per realization, independent of ε
    samples = np.empty((R, len(pts), 2))
    X = np.empty((R, N))
    dptsv = sla.get_lapack_funcs("ptsv", (E,)) if solver == "ptsv" else None
    for k, eps in enumerate(pts):
        G = (eps * kappa0) / L + E  # (R, N−1), as nessref's linkConductances: (ε κ0)/ℓ + Γ0 e^{−ℓ/a}
        D = eps * g1  # sinks
        D[:, :-1] += G
        D[:, 1:] += G
        B = (eps * theta) * g2
        if solver == "banded":
            for r in range(R):
                ab = np.empty((3, N))
                ab[0, 1:] = -G[r]
                ab[1] = D[r]
                ab[2, :-1] = -G[r]
                X[r] = sla.solve_banded((1, 1), ab, B[r], overwrite_ab=True, overwrite_b=True, check_finite=False)
        elif solver == "hbanded":
            for r in range(R):
                ab = np.empty((2, N))
                ab[0, 1:] = -G[r]
                ab[1] = D[r]
                X[r] = sla.solveh_banded(ab, B[r], overwrite_ab=True, overwrite_b=True, check_finite=False)
        elif solver == "ptsv":
            for r in range(R):
                _, _, x, info = dptsv(D[r], -G[r], B[r], overwrite_d=1, overwrite_e=1, overwrite_b=1)
                if info != 0:
                    raise SystemExit(f"scipy_peer: dptsv info = {info} at realization {r}, ε = {eps}")
                X[r] = x
        else:
            raise SystemExit(f"scipy_peer: unknown solver {solver!r}")
        T = T0 + X
        samples[:, k, 0] = T.mean(axis=1)
        samples[:, k, 1] = T.var(axis=1)  # population variance (two passes)
    mean_r = samples.mean(axis=0)  # (nε, 2)
    return samples, np.sqrt(mean_r[:, 1]) / mean_r[:, 0]


def run_ensemble(a):
    p = json.load(open(os.path.join(a.dir, "meta.json")))
    R, N = int(p["R"]), int(p["N"])
    L = read_f64(os.path.join(a.dir, "lengths.f64"), (R, N - 1))
    g1 = read_f64(os.path.join(a.dir, "g1.f64"), (R, N))
    g2 = read_f64(os.path.join(a.dir, "g2.f64"), (R, N))
    solvers = a.solvers.split(",")
    for s in solvers:  # untimed warm-up of every road
        ensemble_stats(L, g1, g2, p, s, rows=5)
    rows = {}
    for s in solvers:
        ts = []
        samples = stat = None
        for _ in range(max(1, a.repeats)):
            t0 = time.perf_counter()
            samples, stat = ensemble_stats(L, g1, g2, p, s)
            ts.append(time.perf_counter() - t0)
        np.ascontiguousarray(samples, dtype="<f8").tofile(os.path.join(a.dir, f"peer-{s}.f64"))
        rows[s] = {"call": SOLVERS_1D[s], "seconds": median(ts), "all": ts, "average": [float(v) for v in stat]}
    out = {"R": R, "N": N, "solvers": rows, "repeats": max(1, a.repeats), "peak_rss_mb": peak_mb(), "versions": blas_info()}
    sys.stdout.write(json.dumps(out) + "\n")


# ------------------------------------------------------------------------------------------------
# 2D solve


def backward_error(A, x, b):
    """‖b − Ax‖∞ / (‖A‖∞‖x‖∞ + ‖b‖∞) (nessref's normwise backward error)."""
    rn = np.abs(b - A @ x).max()
    an = np.abs(A).sum(axis=1).max()
    return float(rn / (an * np.abs(x).max() + np.abs(b).max()))


def run_grid(a):
    p = json.load(open(a.problem))
    d = os.path.dirname(os.path.abspath(a.problem))
    n = int(p["n"])
    indptr = np.fromfile(os.path.join(d, p["indptr"]), dtype="<i4")
    indices = np.fromfile(os.path.join(d, p["indices"]), dtype="<i4")
    data = np.fromfile(os.path.join(d, p["data"]), dtype="<f8")
    b = np.fromfile(os.path.join(d, p["b"]), dtype="<f8")
    A = sp.csr_matrix((data, indices, indptr), shape=(n, n))
    Acsc = A.tocsc()  # spsolve wants CSC; converted untimed (A is symmetric)
    T0 = float(p["T0"])
    bnorm = float(np.linalg.norm(b))
    reps = max(1, a.repeats)

    def cg_run(tol, use_m, callback=None):
        M = sp.diags(1.0 / A.diagonal(), format="csr") if use_m else None
        return spla.cg(A, b, tol=tol, atol=0.0, M=M, callback=callback)

    rows = {}
    for name, use_m in (("cg-jacobi", True), ("cg", False)):
        tol = None
        iters = 0
        untimed = None
        tried = []
        for t in [a.tols[name]] if name in a.tols else (1e-12, 1e-11, 1e-10, 1e-9, 1e-8):
            count = [0]

            def cb(_xk, count=count):
                count[0] += 1

            t0 = time.perf_counter()
            x, info = cg_run(t, use_m, cb)
            untimed = time.perf_counter() - t0
            tried.append({"tol": t, "info": int(info), "iterations": count[0], "seconds": untimed})
            if info == 0:
                tol, iters = t, count[0]
                break
        if tol is None:
            rows[name] = {"error": f"no convergence at tol = {', '.join(str(x['tol']) for x in tried)} (info = {info})", "tried": tried}
            continue
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            x, info = cg_run(tol, use_m)
            ts.append(time.perf_counter() - t0)
        (T0 + x).astype("<f8").tofile(f"{a.out_prefix}-{name}.f64")
        rows[name] = {
            "seconds": median(ts), "all": ts, "firstSeconds": untimed, "tol": tol, "tried": tried, "iterations": iters, "info": int(info),
            "residual": float(np.linalg.norm(b - A @ x) / bnorm), "backwardError": backward_error(A, x, b),
        }
    spsolve = lambda: spla.spsolve(Acsc, b)  # noqa: E731
    t0 = time.perf_counter()
    x = spsolve()
    first = time.perf_counter() - t0
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        x = spsolve()
        ts.append(time.perf_counter() - t0)
    (T0 + x).astype("<f8").tofile(f"{a.out_prefix}-spsolve.f64")
    rows["spsolve"] = {
        "seconds": median(ts), "all": ts, "firstSeconds": first,
        "residual": float(np.linalg.norm(b - A @ x) / bnorm), "backwardError": backward_error(A, x, b),
    }
    out = {"n": n, "nnz": int(A.nnz), "solvers": rows, "repeats": reps, "peak_rss_mb": peak_mb(), "versions": blas_info()}
    sys.stdout.write(json.dumps(out) + "\n")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("ensemble")
    e.add_argument("dir")
    e.add_argument("--repeats", type=int, default=1)
    e.add_argument("--solvers", default="banded,hbanded,ptsv")
    g = sub.add_parser("grid")
    g.add_argument("problem")
    g.add_argument("--repeats", type=int, default=1)
    g.add_argument("--out-prefix", required=True)
    g.add_argument("--tols", default={}, type=lambda s: {k: float(v) for k, v in (x.split("=") for x in s.split(",") if x)},
                   help="fixed cg tolerances, e.g. cg-jacobi=1e-11,cg=1e-11 (skips the search)")
    a = ap.parse_args()
    if a.cmd == "ensemble":
        run_ensemble(a)
    else:
        run_grid(a)


if __name__ == "__main__":
    main()
