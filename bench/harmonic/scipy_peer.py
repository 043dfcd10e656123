#!/usr/bin/python3
"""SciPy peer of bench/harmonic: harmonic chains with Langevin baths (MODELS §5, CONVENTIONS §5).

Two subcommands, both reading a problem file written by run.ts (so both codes solve the same
numbers):

``ensemble PROBLEM.json --repeats N --out T.bin [--mp-check R --mp-dps 50,70]``
    The λ → 0 profiles of [P1] eq. (2.9) for every realization r of the problem:

        T(x) = Σ_k ψ_k(x)² Σ_b α_kb T_b,   α_kb = ψ_k(b)² / Σ_c ψ_k(c)²,

    with Hψ_k = ω_k²ψ_k, H = V − gΔ tridiagonal: diagonal V_x + g·(number of neighbours),
    off-diagonal −g. The potentials are the file's ``potentials[r]`` (drawn by run.ts exactly as
    nessref's ensemble task draws them). Per realization: ``scipy.linalg.eigh_tridiagonal(d, e)``
    (default driver, all eigenpairs), then the weights and the profile vectorized in NumPy; one
    Python loop over the realizations, single process. A mode whose LAPACK eigenvector is exactly
    0 at every bath site has α = 0/0; it gets α_kb = 1/(number of baths) and is counted
    (``zeroWeightModes``). Timed: the whole loop (after an untimed warm-up on the first 10
    realizations), median of N repeats. Untimed afterwards: the count of modes whose bath weight
    Σ_b ψ_k(b)² is below (Lε)², where LAPACK's absolute accuracy (≈ Lε‖ψ‖ per entry) leaves α
    undetermined (``noiseWeightModes``), and with ``--mp-check R`` the profile of realization R
    by mpmath (``mp.eigsy`` of the same double-precision d, e at each of ``--mp-dps`` digits).
    Writes the profiles to --out as raw little-endian float64, realization-major (R×L).

``ness PROBLEM.json --repeats N``
    The NESS covariance of [P1] eq. (2.5): X = ``scipy.linalg.solve_continuous_lyapunov(A, −noise)``
    (SciPy solves A X + X Aᴴ = Q: real Schur form of A and LAPACK dtrsyl), A and noise = S Sᵀ from
    the file (nessref's ``langevinMatrices``, row-major 2L×2L). Timed: the solve alone, after an
    untimed warm-up solve of the same problem, median of N. Returns the kinetic temperatures
    T(x) = X_{p_x p_x} and the residual ‖AX + XAᵀ + noise‖_F / (‖A‖_F‖X‖_F + ‖noise‖_F) (nessref's
    normalisation).

Each prints one JSON line on standard output (fields listed in run.ts, ``PeerEnsembleOut`` and
``PeerNessOut``), including ``versions``: {python, numpy, scipy, mpmath, blasLibrary, blasConfig,
blasCore, blasThreads}.

Environment: run.ts sets OPENBLAS_CORETYPE (default Nehalem) and removes OPENBLAS_L2_SIZE for
this process only. Debian's OpenBLAS 0.3.21 segfaults on this machine in SciPy's Lyapunov solver
for larger complex problems with its auto-detected kernels (bench/free-fermion/README.md); the
problems here are real, so it is a precaution.

Needs Debian's /usr/bin/python3 with python3-numpy, python3-scipy (and python3-mpmath for
--mp-check), not the pyenv python3.
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

# the shared BLAS helper: bench/common/peer_info.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from peer_info import openblas_info  # noqa: E402


EPS = np.finfo(float).eps


def blas_info():
    info = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}
    try:
        import mpmath

        info["mpmath"] = mpmath.__version__
    except ImportError:
        info["mpmath"] = None
    info.update(openblas_info())
    return info


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else 0.5 * (s[m - 1] + s[m])


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------------------------------------
# ensemble


def chain_tridiagonal(V, g):
    """Diagonal d_x = V_x + g·(number of neighbours) and off-diagonal −g of H = V − gΔ."""
    L = len(V)
    nb = np.full(L, 2.0)
    nb[0] = nb[-1] = 1.0
    if L == 1:
        nb[0] = 0.0
    return V + g * nb, np.full(L - 1, -g)


def profile(d, e, bidx, Ts, fill):
    """Eq. (2.9) for one chain: eigh_tridiagonal, then the weights and the profile in NumPy."""
    _, U = sla.eigh_tridiagonal(d, e)
    P = U * U  # P[x, k] = ψ_k(x)²
    a = P[bidx, :]  # ψ_k(b)² at the bath sites
    s = a.sum(axis=0)
    alpha = np.divide(a, s, out=np.full_like(a, fill), where=s > 0)
    return P @ (Ts @ alpha)


def mp_profile(d, e, bidx, Ts, dps):
    """The same profile with mpmath's symmetric eigensolver at `dps` digits (the same double d, e)."""
    import mpmath as mp

    mp.mp.dps = dps
    L = len(d)
    H = mp.zeros(L, L)
    for x in range(L):
        H[x, x] = mp.mpf(float(d[x]))
        if x + 1 < L:
            H[x, x + 1] = H[x + 1, x] = mp.mpf(float(e[x]))
    _, Q = mp.eigsy(H)
    tau = []
    for k in range(L):
        w = [Q[b, k] ** 2 for b in bidx]
        tau.append(mp.fsum(T * wb for T, wb in zip(Ts, w)) / mp.fsum(w))
    return [float(mp.fsum(Q[x, k] ** 2 * tau[k] for k in range(L))) for x in range(L)]


def run_ensemble(a):
    p = json.load(open(a.problem))
    L, g = int(p["L"]), float(p["g"])
    V = np.asarray(p["potentials"], dtype=float)
    R = V.shape[0]
    if V.shape != (R, L):
        raise SystemExit(f"scipy_peer: potentials have shape {V.shape}, expected (R, {L})")
    bidx = np.array([b["site"] - 1 for b in p["baths"]])
    Ts = np.array([float(b["T"]) for b in p["baths"]])
    fill = 1.0 / len(bidx)
    nb = np.full(L, 2.0)
    nb[0] = nb[-1] = 1.0
    e = np.full(L - 1, -g)

    for r in range(min(10, R)):  # untimed warm-up
        profile(V[r] + g * nb, e, bidx, Ts, fill)

    T = np.empty((R, L))
    ts = []
    for _ in range(max(1, a.repeats)):
        t0 = time.perf_counter()
        for r in range(R):
            T[r] = profile(V[r] + g * nb, e, bidx, Ts, fill)
        ts.append(time.perf_counter() - t0)
    peak = peak_mb()

    # untimed diagnostics: how many modes have undetermined weights in LAPACK's vectors
    zero = noise = with_noise = 0
    for r in range(R):
        _, U = sla.eigh_tridiagonal(V[r] + g * nb, e)
        s = (U[bidx, :] ** 2).sum(axis=0)
        zero += int((s == 0).sum())
        k = int((s < (L * EPS) ** 2).sum())
        noise += k
        with_noise += k > 0

    mp_rows = []
    if a.mp_check is not None:
        r = a.mp_check
        d, _ = chain_tridiagonal(V[r], g)
        for dps in a.mp_dps:
            t0 = time.perf_counter()
            Tm = mp_profile(d, e, bidx, Ts, dps)
            mp_rows.append({"r": r, "dps": dps, "seconds": time.perf_counter() - t0, "T": Tm})

    with open(a.out, "wb") as f:
        np.ascontiguousarray(T, dtype="<f8").tofile(f)
    out = {
        "seconds": median(ts),
        "all": ts,
        "repeats": len(ts),
        "driver": "eigh_tridiagonal(d, e), lapack_driver='auto' (stemr for all eigenpairs)",
        "zeroWeightModes": zero,
        "noiseWeightModes": noise,
        "realizationsWithNoise": with_noise,
        "mp": mp_rows,
        "peak_rss_mb": peak,
        "versions": blas_info(),
    }
    sys.stdout.write(json.dumps(out) + "\n")


# ------------------------------------------------------------------------------------------------
# NESS


def run_ness(a):
    p = json.load(open(a.problem))
    L = int(p["L"])
    m = 2 * L
    A = np.asarray(p["A"], dtype=float).reshape(m, m)
    Q = np.asarray(p["noise"], dtype=float).reshape(m, m)
    t0 = time.perf_counter()
    sla.solve_continuous_lyapunov(A, -Q)  # untimed warm-up
    warm = time.perf_counter() - t0
    ts = []
    X = None
    for _ in range(max(1, a.repeats)):
        t0 = time.perf_counter()
        X = sla.solve_continuous_lyapunov(A, -Q)
        ts.append(time.perf_counter() - t0)
    peak = peak_mb()
    R = A @ X + X @ A.T + Q
    residual = float(np.linalg.norm(R) / (np.linalg.norm(A) * np.linalg.norm(X) + np.linalg.norm(Q)))
    out = {
        "seconds": median(ts),
        "all": ts,
        "repeats": len(ts),
        "warmupSeconds": warm,
        "temperature": [float(v) for v in np.diag(X)[L:]],
        "residual": residual,
        "asymmetry": float(np.abs(X - X.T).max() / np.abs(X).max()),
        "peak_rss_mb": peak,
        "versions": blas_info(),
    }
    sys.stdout.write(json.dumps(out) + "\n")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("ensemble")
    e.add_argument("problem")
    e.add_argument("--repeats", type=int, default=1)
    e.add_argument("--out", required=True)
    e.add_argument("--mp-check", type=int, default=None)
    e.add_argument("--mp-dps", type=lambda s: [int(x) for x in s.split(",")], default=[50, 70])
    n = sub.add_parser("ness")
    n.add_argument("problem")
    n.add_argument("--repeats", type=int, default=1)
    a = ap.parse_args()
    if a.cmd == "ensemble":
        run_ensemble(a)
    else:
        run_ness(a)


if __name__ == "__main__":
    main()
