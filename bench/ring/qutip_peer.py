#!/usr/bin/python3
"""QuTiP peer of bench/ring: a Delta sweep of the four-spin Redfield ring ([P3], CONVENTIONS §6).

Per point: bloch_redfield_tensor(H, a_ops, use_secular=False) + steadystate + the left heat
current Tr(H R_L[rho]) (tensor of the left bath alone applied to rho). Spectrum handed to QuTiP:
S(w) = 2 G(-w) with G(w) = pi gamma exp(-|w|/wc) w/expm1(w/T) (verified elementwise in
golden/generators/ring_qutip.py).

Modes: "sector" (the 6-state block with two up spins) and "full" (the 16-state space; its
generator has a 5-dimensional kernel and QuTiP's steadystate returns one member without
reporting the non-uniqueness -- timed for scale only, its numbers are not compared).

Usage: /usr/bin/python3 bench/ring/qutip_peer.py MODE NPOINTS DMIN DMAX
Prints one JSON object: {"mode", "points", "seconds", "heatCurrentLeft": [...], "versions": {...}}.
"""
import json
import sys
import time

import numpy as np
import qutip
from qutip import Qobj, bloch_redfield_tensor, qeye, sigmax, sigmay, sigmaz, steadystate, tensor

N = 4
J, H2, H3, TL, TR, GAMMA, WC = 1.0, 2.0, 1.0, 2.0, 1.0, 0.01, 10.0


def op(single, site):
    ops = [qeye(2)] * N
    ops[site - 1] = single
    return tensor(ops)


def rate(T):
    def G(w):
        if w == 0.0:
            return np.pi * GAMMA * T
        return np.pi * GAMMA * np.exp(-abs(w) / WC) * w / np.expm1(w / T)

    return G


def spectrum(T):
    G = rate(T)
    return lambda w: 2.0 * G(-w)


def main():
    mode, npts, dmin, dmax = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    sx = [op(sigmax(), l) for l in range(1, N + 1)]
    sy = [op(sigmay(), l) for l in range(1, N + 1)]
    sz = [op(sigmaz(), l) for l in range(1, N + 1)]
    n = [(op(qeye(2), l) + sz[l - 1]) / 2 for l in range(1, N + 1)]
    hop = sum(J * (sx[l] * sx[(l + 1) % N] + sy[l] * sy[(l + 1) % N]) for l in range(N)) + H2 * sz[1] + H3 * sz[2]
    nn = sum(n[l] * n[(l + 1) % N] for l in range(N))
    if mode == "sector":
        st = [s for s in range(2 ** N) if sum(1 for l in range(1, N + 1) if ((s >> (N - l)) & 1) == 0) == 2]
        P = lambda A: Qobj(A.full()[np.ix_(st, st)])
    else:
        P = lambda A: Qobj(A.full())
    hop_b, nn_b, SL, SR = P(hop), P(nn), P(sz[0]), P(sz[2])
    deltas = np.linspace(dmin, dmax, npts)
    out = []
    t0 = time.perf_counter()
    for d in deltas:
        H = hop_b + d * nn_b
        R, ekets = bloch_redfield_tensor(H, [[SL, spectrum(TL)], [SR, spectrum(TR)]], use_secular=False)
        # full space: the 5-dimensional kernel makes the default direct LU fail (SuperLU:
        # "failed to factorize"); the SVD method returns one member of the kernel without
        # saying it is not unique -- timed for scale only.
        rho = steadystate(R) if mode == "sector" else steadystate(R, method="svd")  # eigenbasis of H
        RL, _ = bloch_redfield_tensor(H, [[SL, spectrum(TL)]], use_secular=False)
        drho = qutip.vector_to_operator(RL * qutip.operator_to_vector(rho))
        E = np.array([(k.dag() * H * k).full()[0, 0].real for k in ekets])
        out.append(float(np.real(np.sum(E * np.diag(drho.full())))))
    secs = time.perf_counter() - t0
    print(json.dumps({
        "mode": mode,
        "points": npts,
        "seconds": secs,
        "heatCurrentLeft": out,
        "versions": {"qutip": qutip.__version__, "numpy": np.__version__, "python": sys.version.split()[0]},
    }))


if __name__ == "__main__":
    main()
