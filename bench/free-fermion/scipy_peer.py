#!/usr/bin/python3
"""SciPy peer of bench/free-fermion: the free-fermion NESS of the XX chain by
``scipy.linalg.solve_continuous_lyapunov``.

The equation (CONVENTIONS §2, no dephasing and no target baths, so the re-injection 𝓡 = 0):

    0 = M C + C M† + F,   M = i h − ½ diag(Γ),   F = diag(γ⁺),   Γ = γ⁺ + γ⁻,

h the single-particle matrix of the XX chain (hopping t = J/2 on every bond, on-site ε_i = h_i).
SciPy solves A X + X Aᴴ = Q, so C = solve_continuous_lyapunov(M, −F) (complex Schur of M and
LAPACK ztrsyl). M and F are built here from the problem file written by run.ts (same L, J,
fields and baths as ours); only the solve is timed.

Usage: /usr/bin/python3 bench/free-fermion/scipy_peer.py PROBLEM.json --repeats N --out C.bin

Writes C to --out as raw little-endian float64: the L×L real part row-major, then the imaginary
part (the layout of nessref's ComplexMatrix). Prints one JSON line on standard output:
  {"L", "seconds" (median of the timed solves), "all" (every timed solve), "repeats",
   "peak_rss_mb" (ru_maxrss / 1024 right after the solves), "eig_min", "eig_max" (eigenvalue range of the Hermitian
   part of C: a physical two-point function has 0 ≤ C ≤ 1), "hermiticity" (max |C − C†|),
   "versions": {python, numpy, scipy, blasLibrary, blasConfig, blasCore, blasThreads}}

Environment: run.ts sets OPENBLAS_CORETYPE (default Nehalem) for this process only. On the
2-core AMD EPYC machine of this project, Debian's OpenBLAS 0.3.21 crashes (SIGSEGV in
zdotu_k_ZEN, called from ztrsyl) for L ≳ 150 with the auto-detected AVX2 kernels (Zen, Haswell,
Sandybridge, Bulldozer… all crash); Nehalem, Penryn, Core2, Barcelona and Prescott kernels work.
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


WARMUP_L = 40


def blas_info():
    info = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}
    info.update(openblas_info())
    return info


def build(L, J, fields, baths):
    """M = i h − ½ diag(Γ) and F = diag(γ⁺) as dense complex128 arrays."""
    t = J / 2.0
    h = np.zeros((L, L))
    idx = np.arange(L - 1)
    h[idx, idx + 1] = t
    h[idx + 1, idx] = t
    h[np.arange(L), np.arange(L)] = fields
    gp = np.zeros(L)
    gm = np.zeros(L)
    for b in baths:
        if b["type"] != "source-sink":
            raise SystemExit(f"scipy_peer: only source-sink baths (no re-injection term), got {b['type']!r}")
        s = b["site"] - 1
        gp[s] += b["gammaPlus"]
        gm[s] += b["gammaMinus"]
    M = 1j * h - 0.5 * np.diag(gp + gm)
    F = np.diag(gp).astype(complex)
    return M, F


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else 0.5 * (s[m - 1] + s[m])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("problem")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    p = json.load(open(a.problem))
    L, J = int(p["L"]), float(p["J"])
    fields = np.asarray(p["fields"], dtype=float)
    if fields.shape != (L,):
        raise SystemExit(f"scipy_peer: {len(fields)} fields for L = {L}")
    M, F = build(L, J, fields, p["baths"])

    # untimed warm-up on a small uniform chain (first LAPACK calls, thread start-up)
    Mw, Fw = build(WARMUP_L, J, np.zeros(WARMUP_L), [
        {"type": "source-sink", "site": 1, "gammaPlus": 1.0, "gammaMinus": 0.5},
        {"type": "source-sink", "site": WARMUP_L, "gammaPlus": 0.5, "gammaMinus": 1.0}])
    sla.solve_continuous_lyapunov(Mw, -Fw)

    ts = []
    X = None
    for _ in range(max(1, a.repeats)):
        t0 = time.perf_counter()
        X = sla.solve_continuous_lyapunov(M, -F)
        ts.append(time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the checks below

    with open(a.out, "wb") as f:
        np.ascontiguousarray(X.real, dtype="<f8").tofile(f)
        np.ascontiguousarray(X.imag, dtype="<f8").tofile(f)
    herm = float(np.abs(X - X.conj().T).max())
    ev = np.linalg.eigvalsh(0.5 * (X + X.conj().T))
    out = {
        "L": L,
        "seconds": median(ts),
        "all": ts,
        "repeats": len(ts),
        "peak_rss_mb": peak_mb,
        "eig_min": float(ev.min()),
        "eig_max": float(ev.max()),
        "hermiticity": herm,
        "versions": blas_info(),
    }
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
