#!/usr/bin/python3
"""QuTiP peer of bench/ring: a Delta sweep of the four-spin Redfield ring ([P3], CONVENTIONS §6).

Per point: bloch_redfield_tensor(H, a_ops, use_secular=False) + steadystate + the left heat
current J_L = Tr(H R_L[rho]) (the tensor of the left bath alone applied to rho; everything in
the eigenbasis QuTiP returns). Spectrum handed to QuTiP: S(w) = 2 G(-w) with
G(w) = pi gamma exp(-|w|/wc) w/expm1(w/T), G(0) = pi gamma T (QuTiP 4.7's population rate
c -> a is |A_ac|^2 S(E_c - E_a); mapping verified elementwise in golden/generators/ring_qutip.py).

Modes:
  sector  the 6-state block with two up spins; steadystate(R) (default: direct sparse LU).
  full    the 16-state space. Its generator has a 5-dimensional kernel (one steady state per
          magnetization sector). QuTiP's default direct LU raises "failed to factorize" there,
          so this mode calls steadystate(R, method="svd"), which returns one member of the
          kernel without reporting that it is not unique. Timed for scale only: its J_L is not
          compared; the weight of each sector in the state it returns is reported instead.

One untimed warm-up point (Delta = DMIN) precedes the timed sweep. The time of each phase
(tensor construction, steadystate, heat current) is reported besides the total.

Usage: /usr/bin/python3 bench/ring/qutip_peer.py MODE NPOINTS DMIN DMAX
Prints one JSON object on standard output:
  {"mode", "points", "seconds", "phases": {...}, "heatCurrentLeft": [...],
   "sectorWeights": [[w0..w4], ...] (full mode only), "versions": {...}, "blas": {...}}
"""
import ctypes
import json
import sys
import time

import numpy as np
import scipy
import qutip
from qutip import Qobj, bloch_redfield_tensor, qeye, sigmax, sigmay, sigmaz, steadystate, tensor

N = 4
J, H2, H3, TL, TR, GAMMA, WC = 1.0, 2.0, 1.0, 2.0, 1.0, 0.01, 10.0


def op(single, site):
    """single on site (1-based), site 1 the most significant Kronecker factor."""
    ops = [qeye(2)] * N
    ops[site - 1] = single
    return tensor(ops)


def n_up(s):
    """Up spins in basis state s (bit N - l = 0 means site l is up; index 0 = |up>)."""
    return sum(1 for l in range(1, N + 1) if ((s >> (N - l)) & 1) == 0)


def rate(T):
    def G(w):
        if w == 0.0:
            return np.pi * GAMMA * T
        return np.pi * GAMMA * np.exp(-abs(w) / WC) * w / np.expm1(w / T)

    return G


def spectrum(T):
    G = rate(T)
    return lambda w: 2.0 * G(-w)


def blas_info():
    info = {"library": None}
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                if "openblas" in line or "libblas" in line:
                    info["library"] = line.split()[-1]
                    if "openblas" in info["library"]:
                        break
    except OSError:
        pass
    lib = info["library"]
    if lib and "openblas" in lib:
        try:
            h = ctypes.CDLL(lib)
            for sym in ("openblas_get_num_threads", "openblas_get_num_threads64_"):
                if hasattr(h, sym):
                    info["threads"] = int(getattr(h, sym)())
                    break
        except OSError:
            pass
    return info


def main():
    mode, npts, dmin, dmax = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    if mode not in ("sector", "full"):
        raise SystemExit(f"unknown mode {mode!r}")
    sx = [op(sigmax(), l) for l in range(1, N + 1)]
    sy = [op(sigmay(), l) for l in range(1, N + 1)]
    sz = [op(sigmaz(), l) for l in range(1, N + 1)]
    n = [(op(qeye(2), l) + sz[l - 1]) / 2 for l in range(1, N + 1)]
    hop = sum(J * (sx[l] * sx[(l + 1) % N] + sy[l] * sy[(l + 1) % N]) for l in range(N)) + H2 * sz[1] + H3 * sz[2]
    nn = sum(n[l] * n[(l + 1) % N] for l in range(N))
    if mode == "sector":
        st = [s for s in range(2 ** N) if n_up(s) == 2]
        P = lambda A: Qobj(A.full()[np.ix_(st, st)])
    else:
        P = lambda A: Qobj(A.full())
    hop_b, nn_b, SL, SR = P(hop), P(nn), P(sz[0]), P(sz[2])
    a_ops = [[SL, spectrum(TL)], [SR, spectrum(TR)]]
    a_left = [[SL, spectrum(TL)]]
    sector_of = np.array([n_up(s) for s in range(2 ** N)])

    phases = {"tensor": 0.0, "steadystate": 0.0, "current": 0.0}

    def point(d, record):
        t0 = time.perf_counter()
        H = hop_b + d * nn_b
        R, ekets = bloch_redfield_tensor(H, a_ops, use_secular=False)
        t1 = time.perf_counter()
        rho = steadystate(R) if mode == "sector" else steadystate(R, method="svd")  # eigenbasis of H
        t2 = time.perf_counter()
        RL, _ = bloch_redfield_tensor(H, a_left, use_secular=False)
        drho = qutip.vector_to_operator(RL * qutip.operator_to_vector(rho))
        E = np.array([(k.dag() * H * k).full()[0, 0].real for k in ekets])
        jl = float(np.real(np.sum(E * np.diag(drho.full()))))
        t3 = time.perf_counter()
        if record:
            phases["tensor"] += t1 - t0
            phases["steadystate"] += t2 - t1
            phases["current"] += t3 - t2
        return jl, rho, ekets

    point(dmin, False)  # warm-up (imports, first-call overheads)
    deltas = np.linspace(dmin, dmax, npts)
    out = []
    rhos = []
    t0 = time.perf_counter()
    for d in deltas:
        jl, rho, ekets = point(d, True)
        out.append(jl)
        if mode == "full":
            rhos.append((rho, ekets))
    secs = time.perf_counter() - t0

    res = {
        "mode": mode,
        "points": npts,
        "seconds": secs,
        "phases": phases,
        "heatCurrentLeft": out,
        "versions": {"qutip": qutip.__version__, "numpy": np.__version__, "scipy": scipy.__version__, "python": sys.version.split()[0]},
        "blas": blas_info(),
    }
    if mode == "full":
        # (after timing) weight of each magnetization sector in the state steadystate returned
        weights = []
        for rho, ekets in rhos:
            V = np.hstack([k.full() for k in ekets])
            rc = np.real(np.diag(V @ rho.full() @ V.conj().T))
            weights.append([float(rc[sector_of == k].sum()) for k in range(N + 1)])
        res["sectorWeights"] = weights
    json.dump(res, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
