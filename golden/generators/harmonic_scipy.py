#!/usr/bin/python3
"""Golden data for the harmonic chain with Langevin baths (MODELS §5, [P1] §2; CONTRACT kind
`harmonic-chain`), written to golden/harmonic/harmonic-NN.json.

Peers (Debian python3-numpy / python3-scipy / python3-mpmath; run with Debian's interpreter):

    /usr/bin/python3 golden/generators/harmonic_scipy.py          # ~ 11 min (CPU, one core; the L = 40 finite-lambda case ~4 min)
    /usr/bin/python3 golden/generators/harmonic_scipy.py --only 11 # one case (number as in cases())

  * finite lambda: SciPy ``scipy.linalg.solve_continuous_lyapunov(A, -S S^T)`` (LAPACK Schur
    form + Bartels-Stewart in double precision). Second road, always run: mpmath ``mp.eig``
    (left and right eigenvectors, complex Hessenberg QR at mp.dps >= 60) of A and the spectral
    sum of [P1] eq. (2.6),
        C = -sum_{k,l} P_k S S^T P_l^H / (E_k + conj(E_l)),  P_k = r_k l_k / (l_k r_k),
    i.e. C = R M R^H with M_kl = -(W S S^T W^H)_kl / (E_k + conj(E_l)), W = rows l_k/(l_k r_k).
  * lambda = 0: SciPy ``scipy.linalg.eigh_tridiagonal`` (LAPACK stemr) of H and [P1] eq. (2.10);
    second road, always run: mpmath ``mp.eigsy`` of H at mp.dps >= 60 and the same formula.

Reference rule (the same for both kinds of case): the SciPy value is the reference when it
agrees with the mpmath value to <= 1e-11 relative to scale (temperatures and currents as in
toleranceReason; at finite lambda also the whole covariance, relative to max|C|). Otherwise the
mpmath value is the reference (peer "mpmath eq. (2.6)" / "mpmath eq. (2.10)", said in the
description and provenance), and it is confirmed by a second, higher precision: mp.dps is
raised in steps of 30 until two consecutive precisions agree to <= 1e-20 relative to scale; the
reference is the higher of the two. The first precision is chosen from the smallest damping
rate, dps >= 30 + log10(1 / (lambda min_k sum_b psi_k(b)^2)) (mp.eig resolves eigenvalues to
~10^-dps absolutely, and Re E_k ~ -lambda sum_b psi_k(b)^2 / 2 must be resolved to >= 20 digits),
resp. dps >= 40 + log10(1 / min_k sum_b psi_k(b)^2) at lambda = 0.

Conventions (MODELS §5): H = V - g Delta with the free-boundary Laplacian, H_xx = V_x +
g deg(x) (deg = 1 at the ends, 2 inside), H_{x,x+-1} = -g. X = (q, p) in R^{2L},
A = [[0, I], [-H, -lambda Pi]], Pi = sum_b |b><b|, S S^T = [[0, 0], [0, diag(2 lambda T_b) on the
bath sites]]; the NESS covariance solves A C + C A^T + S S^T = 0. T(x) = C[p_x, p_x] (row L+x-1,
0-based), heat currents J_b = lambda (T_b - T(b)) in bath order. lambda = 0: eq. (2.10),
T(x) = sum_k psi_k(x)^2 T_k, T_k = sum_c alpha_kc T_c, alpha_kc = psi_k(c)^2 / sum_c' psi_k(c')^2,
heatCurrents all exactly 0, and weakCouplingCurrents = lim J_b / lambda
= sum_k psi_k(b)^2 sum_c alpha_kc (T_b - T_c) (no cancellation: differences of the inputs only).
Step metrics (MODELS §5): defined only when baths at sites 1 and L exist with T_L != T_1; for
T_L > T_1, x- = first site (1-based) with T(x) > T_1 + 0.3 (T_L - T_1), x+ = last site with
T(x) < T_L - 0.3 (T_L - T_1), width = x+ - x- + 1, midpoint = (x+ + x-) / 2; null if x- or x+
does not exist; for T_L < T_1 every inequality is reversed. The generator asserts that no T(x)
lies within 1e-6 s_T of a threshold, so the step cannot flip within the tolerance.

Cases (cases() below): L = 6..40, g in {0.1, 0.3, 0.5, 1}, lambda in {0.01, 0.1, 0.5, 1, 2} and
0; potentials drawn here with numpy.random.default_rng(seed).uniform(vMin, vMax, L) (one fixed
seed per case, [vMin, vMax] = [1, 2] or [0.5, 1.5]) and stored explicitly in `input` (nessref's
own generator is not involved); mostly baths at 1 and L with (T_1, T_L) = (1, 2), also other
temperatures, T_L < T_1, equal temperatures, a third bath at an interior site, baths listed out
of site order, baths away from the ends (step null), ordered chains (all V equal). The
strongly localised ones (g = 0.1, L = 20 with lambda = 0.01 as in shared FACTS.md, L = 30..40)
are where double precision fails and the mpmath value is the reference.

Checks per case (stored in `checks`): finite lambda -- Lyapunov residuals
||A C + C A^T + S S^T||_F / (||A||_F ||C||_F) of the SciPy and of the mpmath covariance (the
latter evaluated in mpmath), min and max |Re E_k| of A, the largest imaginary part left in the
mpmath C, sum_b J_b (energy balance, must vanish), the SciPy-vs-mpmath deviations (temperature,
currents, whole C), the precision agreement when mpmath is the reference, the minimum bath
weight min_k sum_b psi_k(b)^2 and the smallest level spacing of H, for equal bath temperatures
the distance of C from T diag(H^-1, I); lambda = 0 -- eigen residual of H, minimum bath weight,
smallest level spacing, SciPy-vs-mpmath deviations, sum_b weakCouplingCurrents (must vanish),
whether T lies between the smallest and largest bath temperature; both -- the step threshold
margin.
"""
import argparse
import datetime
import json
import math
import os
import platform
import time

import mpmath
import numpy as np
import scipy
import scipy.linalg as sla
from mpmath import mp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "harmonic"))
GENERATOR = "golden/generators/harmonic_scipy.py"
COMMAND = "/usr/bin/python3 golden/generators/harmonic_scipy.py"
DATE = datetime.date.today().isoformat()
TOL = 1e-9
AGREE_SCIPY = 1e-11   # SciPy is the reference when it agrees with mpmath this well
AGREE_PREC = 1e-20    # two mpmath precisions must agree this well when mpmath is the reference
STEP_MARGIN = 1e-6    # no T(x) closer than this (relative to s_T) to a step threshold


# ----------------------------------------------------------------------------- model (double)

def hamiltonian(V, g):
    L = len(V)
    deg = np.full(L, 2.0)
    deg[0] = deg[-1] = 1.0
    d = np.asarray(V, dtype=float) + g * deg
    e = np.full(L - 1, -g)
    return d, e, np.diag(d) + np.diag(e, 1) + np.diag(e, -1)


def drift_noise(V, g, lam, baths):
    L = len(V)
    _, _, H = hamiltonian(V, g)
    A = np.zeros((2 * L, 2 * L))
    A[:L, L:] = np.eye(L)
    A[L:, :L] = -H
    Q = np.zeros((2 * L, 2 * L))
    for b in baths:
        i = L + b["site"] - 1
        A[i, i] -= lam
        Q[i, i] += 2 * lam * b["T"]
    return A, Q, H


def currents_from_T(T, lam, baths):
    return [lam * (b["T"] - T[b["site"] - 1]) for b in baths]


def rel_dev(x, r, s):
    """max_i |x_i - r_i| / max(|r_i|, s) -- the metric of toleranceReason."""
    x = np.asarray(x, dtype=float)
    r = np.asarray(r, dtype=float)
    if x.size == 0:
        return 0.0
    return float(np.max(np.abs(x - r) / np.maximum(np.abs(r), s)))


def rel_only(x, r):
    """max_i |x_i - r_i| / |r_i| over the entries with r_i != 0 (diagnostic only, not the test metric)."""
    d = [abs(a - b) / abs(b) for a, b in zip(x, r) if b != 0]
    return float(max(d)) if d else 0.0


def step_metrics(T, baths):
    """MODELS §5 step metrics from a (double) profile; also returns the threshold margin."""
    L = len(T)
    by_site = {b["site"]: b["T"] for b in baths}
    if 1 not in by_site or L not in by_site or by_site[1] == by_site[L]:
        return None, None
    T1, TL = by_site[1], by_site[L]
    d = TL - T1
    lo, hi = T1 + 0.3 * d, TL - 0.3 * d
    if d > 0:
        minus = [x for x in range(1, L + 1) if T[x - 1] > lo]
        plus = [x for x in range(1, L + 1) if T[x - 1] < hi]
    else:
        minus = [x for x in range(1, L + 1) if T[x - 1] < lo]
        plus = [x for x in range(1, L + 1) if T[x - 1] > hi]
    margin = min(min(abs(t - lo), abs(t - hi)) for t in T)
    if not minus or not plus:
        return None, margin
    xm, xp = minus[0], plus[-1]
    return {"width": xp - xm + 1, "midpoint": (xp + xm) / 2}, margin


# ----------------------------------------------------------------------------- SciPy roads

def scipy_finite(V, g, lam, baths):
    A, Q, H = drift_noise(V, g, lam, baths)
    C = sla.solve_continuous_lyapunov(A, -Q)
    C = 0.5 * (C + C.T)
    L = len(V)
    T = [float(C[L + x, L + x]) for x in range(L)]
    res = np.linalg.norm(A @ C + C @ A.T + Q) / (np.linalg.norm(A) * np.linalg.norm(C))
    return {"C": C, "T": T, "J": currents_from_T(T, lam, baths), "residual": float(res), "A": A, "H": H}


def weak_formula(psi2, baths, fsum, zero):
    """eq. (2.10) and lim J_b / lambda; psi2[k][x] = psi_k(x)^2; works for floats and mpf."""
    L = len(psi2)
    sites = [b["site"] - 1 for b in baths]
    temps = [b["T"] for b in baths]
    T = []
    Tk = []
    alpha = []
    W = []
    for k in range(L):
        w = fsum(psi2[k][c] for c in sites)
        a = [psi2[k][c] / w for c in sites]
        W.append(w)
        alpha.append(a)
        Tk.append(fsum(a[j] * temps[j] for j in range(len(sites))))
    for x in range(L):
        T.append(fsum(psi2[k][x] * Tk[k] for k in range(L)))
    wc = []
    for i, b in enumerate(sites):
        wc.append(fsum(psi2[k][b] * fsum(alpha[k][j] * (temps[i] - temps[j]) for j in range(len(sites)) if j != i)
                       for k in range(L)) if len(sites) > 1 else zero)
    return T, wc, W


def scipy_weak(V, g, baths):
    d, e, H = hamiltonian(V, g)
    w, v = sla.eigh_tridiagonal(d, e)
    psi2 = (v.T) ** 2  # psi2[k][x]
    T, wc, W = weak_formula(psi2.tolist(), baths, math.fsum, 0.0)
    res = float(np.abs(H @ v - v * w).max())
    return {"T": [float(t) for t in T], "wc": [float(x) for x in wc], "W": W, "w": w, "eigResidual": res}


# ----------------------------------------------------------------------------- mpmath roads

def mp_hamiltonian(V, g):
    L = len(V)
    Hm = mp.matrix(L, L)
    gm = mp.mpf(g)
    for x in range(L):
        deg = 1 if x in (0, L - 1) else 2
        Hm[x, x] = mp.mpf(V[x]) + gm * deg
        if x + 1 < L:
            Hm[x, x + 1] = -gm
            Hm[x + 1, x] = -gm
    return Hm


def mp_weak(V, g, baths, dps):
    with mp.workdps(dps):
        L = len(V)
        Hm = mp_hamiltonian(V, g)
        E, Qv = mp.eigsy(Hm)
        psi2 = [[Qv[x, k] ** 2 for x in range(L)] for k in range(L)]
        mb = [{"site": b["site"], "T": mp.mpf(b["T"])} for b in baths]
        T, wc, W = weak_formula(psi2, mb, mp.fsum, mp.mpf(0))
        # eigen residual in mpmath
        res = max(abs(mp.fsum(Hm[x, y] * Qv[y, k] for y in range(max(0, x - 1), min(L, x + 2))) - E[k] * Qv[x, k])
                  for x in range(L) for k in range(L))
        Es = sorted(E[k] for k in range(L))
        gap = min(Es[k + 1] - Es[k] for k in range(L - 1))
        return {"T": T, "wc": wc, "W": W, "minW": min(W), "gap": gap, "eigResidual": res, "dps": dps}


def mp_finite(V, g, lam, baths, dps):
    """eq. (2.6) at mp.dps = dps; returns C (mpf, real part), E, residual, ..."""
    with mp.workdps(dps):
        L = len(V)
        n = 2 * L
        Hm = mp_hamiltonian(V, g)
        lm = mp.mpf(lam)
        A = mp.matrix(n, n)
        for x in range(L):
            A[x, L + x] = mp.mpf(1)
            for y in range(max(0, x - 1), min(L, x + 2)):
                A[L + x, y] = -Hm[x, y]
        qdiag = {}
        for b in baths:
            i = L + b["site"] - 1
            A[i, i] -= lm
            qdiag[i] = qdiag.get(i, mp.mpf(0)) + 2 * lm * mp.mpf(b["T"])
        E, EL, ER = mp.eig(A, left=True, right=True)
        R = [[ER[i, k] for k in range(n)] for i in range(n)]
        # w_k = l_k / (l_k r_k), only the bath columns are needed
        wb = {}
        norms = [mp.fdot((EL[k, i], ER[i, k]) for i in range(n)) for k in range(n)]
        for i in qdiag:
            wb[i] = [EL[k, i] / norms[k] for k in range(n)]
        M = [[None] * n for _ in range(n)]
        for k in range(n):
            for l in range(n):
                G = mp.fsum(qdiag[i] * wb[i][k] * mp.conj(wb[i][l]) for i in qdiag)
                M[k][l] = -G / (E[k] + mp.conj(E[l]))
        RM = [[mp.fdot(zip(R[i], (M[k][l] for k in range(n)))) for l in range(n)] for i in range(n)]
        Cc = [[None] * n for _ in range(n)]
        for i in range(n):
            for j in range(i, n):
                c = mp.fdot(zip(RM[i], R[j]), conjugate=True)
                Cc[i][j] = c
                Cc[j][i] = mp.conj(c)
        imag = max(abs(mp.im(Cc[i][j])) for i in range(n) for j in range(n))
        C = [[mp.re(Cc[i][j]) for j in range(n)] for i in range(n)]
        # structured residual A C + C A^T + Q (A has <= 4 non-zeros per row)
        nz = [[(j, A[i, j]) for j in range(n) if A[i, j] != 0] for i in range(n)]
        AC = [[mp.fsum(a * C[j][c] for j, a in nz[i]) for c in range(n)] for i in range(n)]
        r2 = mp.mpf(0)
        for i in range(n):
            for j in range(n):
                r = AC[i][j] + AC[j][i] + (qdiag.get(i, 0) if i == j else 0)
                r2 += r * r
        normA = mp.sqrt(mp.fsum(a * a for i in range(n) for _, a in nz[i]))
        normC = mp.sqrt(mp.fsum(C[i][j] ** 2 for i in range(n) for j in range(n)))
        res = mp.sqrt(r2) / (normA * normC)
        T = [C[L + x][L + x] for x in range(L)]
        J = [lm * (mp.mpf(b["T"]) - T[b["site"] - 1]) for b in baths]
        reE = [abs(mp.re(e)) for e in E]
        return {"C": C, "T": T, "J": J, "residual": res, "imag": imag, "minReE": min(reE), "maxReE": max(reE),
                "maxReEk": max(mp.re(e) for e in E), "dps": dps}


def to_f(xs):
    return [float(x) for x in xs]


def mp_rel_dev(a, b, s):
    """relative-to-scale deviation between two mpmath lists (evaluated in mpmath)."""
    if len(a) == 0:
        return 0.0
    return float(max(abs(x - y) / max(abs(y), s) for x, y in zip(a, b)))


# ----------------------------------------------------------------------------- cases

def draw(L, vmin, vmax, seed):
    return [float(v) for v in np.random.default_rng(seed).uniform(vmin, vmax, L)]


def two(L, T1=1.0, TL=2.0):
    return [{"site": 1, "T": T1}, {"site": L, "T": TL}]


def cases():
    """(description, L, g, lambda, potentials rule, baths); rule = (vMin, vMax, seed) or ("ordered", V)."""
    c = []
    add = lambda desc, L, g, lam, pot, baths: c.append(dict(desc=desc, L=L, g=g, lam=lam, pot=pot, baths=baths))
    # ---- finite lambda
    add("short chain, strong coupling", 6, 1.0, 1.0, (1.0, 2.0, 601), two(6))
    add("baths at sites 2 and 5 (away from the ends: step null)", 6, 0.3, 2.0, (0.5, 1.5, 602),
        [{"site": 2, "T": 1.0}, {"site": 5, "T": 2.0}])
    add("g = 0.1 on a short chain", 8, 0.1, 0.1, (1.0, 2.0, 801), two(8))
    add("", 8, 0.5, 0.5, (0.5, 1.5, 802), two(8))
    add("small lambda at g = 1", 10, 1.0, 0.1, (1.0, 2.0, 1001), two(10))
    add("strong friction", 10, 0.3, 2.0, (1.0, 2.0, 1002), two(10))
    add("(T_1, T_L) = (0.5, 3)", 12, 0.5, 1.0, (0.5, 1.5, 1201), two(12, 0.5, 3.0))
    add("T_L < T_1: (T_1, T_L) = (2, 1), baths listed L first", 12, 1.0, 0.5, (1.0, 2.0, 1202),
        [{"site": 12, "T": 1.0}, {"site": 1, "T": 2.0}])
    add("equal temperatures T_1 = T_L = 1.5 (equilibrium: C = T diag(H^-1, I))", 14, 0.3, 0.1, (0.5, 1.5, 1401),
        two(14, 1.5, 1.5))
    add("ordered chain, all V = 1.5", 16, 1.0, 1.0, ("ordered", 1.5), two(16))
    add("third bath at the interior site 8 (T = 3)", 16, 0.5, 0.5, (1.0, 2.0, 1601),
        [{"site": 1, "T": 1.0}, {"site": 16, "T": 2.0}, {"site": 8, "T": 3.0}])
    add("third bath at the interior site 6 (T = 1.5), baths listed out of site order", 18, 0.3, 1.0, (0.5, 1.5, 1801),
        [{"site": 18, "T": 2.0}, {"site": 6, "T": 1.5}, {"site": 1, "T": 1.0}])
    add("strongly localised, FACTS.md ill-conditioned case (L = 20, g = 0.1, lambda = 0.01, V in [1, 2])",
        20, 0.1, 0.01, (1.0, 2.0, 2001), two(20))
    add("small lambda at g = 1", 20, 1.0, 0.01, (1.0, 2.0, 2002), two(20))
    add("(T_1, T_L) = (1, 1.2)", 24, 0.5, 2.0, (0.5, 1.5, 2401), two(24, 1.0, 1.2))
    add("", 28, 0.3, 0.5, (1.0, 2.0, 2801), two(28))
    add("strongly localised", 30, 0.1, 0.1, (1.0, 2.0, 3001), two(30))
    add("strongly localised, longest chain", 40, 0.1, 0.5, (1.0, 2.0, 4001), two(40))
    # ---- lambda = 0 (eq. 2.10)
    add("", 6, 1.0, 0.0, (1.0, 2.0, 6001), two(6))
    add("equal temperatures T_1 = T_L = 1 (T = 1 exactly)", 10, 0.3, 0.0, (1.0, 2.0, 6002), two(10, 1.0, 1.0))
    add("", 12, 0.5, 0.0, (0.5, 1.5, 6003), two(12))
    add("third bath at the interior site 9 (T = 3)", 16, 0.5, 0.0, (1.0, 2.0, 6004),
        [{"site": 1, "T": 1.0}, {"site": 9, "T": 3.0}, {"site": 16, "T": 2.0}])
    add("T_L < T_1: (T_1, T_L) = (2, 1)", 20, 0.3, 0.0, (1.0, 2.0, 6005), two(20, 2.0, 1.0))
    add("ordered chain, all V = 1 (reflection symmetry: T = (T_1 + T_L)/2 exactly)", 24, 1.0, 0.0, ("ordered", 1.0),
        two(24))
    add("strongly localised", 30, 0.1, 0.0, (1.0, 2.0, 6007), two(30))
    add("strongly localised, longest chain", 40, 0.1, 0.0, (1.0, 2.0, 6008), two(40))
    add("", 40, 0.3, 0.0, (0.5, 1.5, 6009), two(40))
    return c


def potentials(case):
    L, pot = case["L"], case["pot"]
    if pot[0] == "ordered":
        return [float(pot[1])] * L, f"ordered: all V_x = {pot[1]}"
    vmin, vmax, seed = pot
    return draw(L, vmin, vmax, seed), f"numpy.random.default_rng({seed}).uniform({vmin}, {vmax}, {L})"


# ----------------------------------------------------------------------------- solving

def start_dps(min_rate):
    return max(60, 30 + int(math.ceil(-math.log10(float(min_rate)))))


def solve_finite(V, g, lam, baths):
    L = len(V)
    sp = scipy_finite(V, g, lam, baths)
    weak = mp_weak(V, g, baths, 60)  # bath weights of H's modes (for the start precision and the checks)
    dps = start_dps(lam * weak["minW"])
    m = mp_finite(V, g, lam, baths, dps)
    maxTb = max(b["T"] for b in baths)
    sT = float(max(abs(t) for t in m["T"]))
    sJ = lam * maxTb
    Cm = np.array([[float(x) for x in row] for row in m["C"]])
    devT = rel_dev(sp["T"], to_f(m["T"]), sT)
    devJ = rel_dev(sp["J"], to_f(m["J"]), sJ)
    devC = float(np.abs(sp["C"] - Cm).max() / np.abs(Cm).max())
    checks = {
        "lyapunovResidualScipy": sp["residual"],
        "minAbsReEigA": float(m["minReE"]),
        "maxAbsReEigA": float(m["maxReE"]),
        "maxReEigA": float(m["maxReEk"]),
        "minBathWeight": float(weak["minW"]),
        "minLevelSpacingH": float(weak["gap"]),
        "scipyVsMpmathTemperature": devT,
        "scipyVsMpmathHeatCurrents": devJ,
        "scipyVsMpmathCovariance": devC,
        "scipyVsMpmathHeatCurrentsRelative": rel_only(sp["J"], to_f(m["J"])),
        "scipyEnergyBalance": float(sum(sp["J"])),
    }
    agree = max(devT, devJ, devC) <= AGREE_SCIPY
    if agree:
        ref_T, ref_J, C_ref = sp["T"], sp["J"], sp["C"]
        checks["lyapunovResidualMpmath"] = float(m["residual"])
        checks["mpmathDps"] = dps
        checks["mpmathMaxImagC"] = float(m["imag"])
        checks["energyBalance"] = float(sum(sp["J"]))
        peer = "scipy"
    else:
        # mpmath is the reference: raise the precision until two agree to AGREE_PREC
        while True:
            m2 = mp_finite(V, g, lam, baths, dps + 30)
            with mp.workdps(dps + 30):
                aT = mp_rel_dev(m["T"], m2["T"], mp.mpf(sT))
                aJ = mp_rel_dev(m["J"], m2["J"], mp.mpf(sJ))
                aC = float(max(abs(m["C"][i][j] - m2["C"][i][j]) for i in range(2 * L) for j in range(2 * L))
                           / max(abs(m2["C"][i][j]) for i in range(2 * L) for j in range(2 * L)))
            print(f"    dps {dps} vs {dps + 30}: T {aT:.1e}  J {aJ:.1e}  C {aC:.1e}", flush=True)
            if max(aT, aJ, aC) <= AGREE_PREC:
                break
            m, dps = m2, dps + 30
        m = m2
        ref_T, ref_J = to_f(m["T"]), to_f(m["J"])
        C_ref = np.array([[float(x) for x in row] for row in m["C"]])
        checks["lyapunovResidualMpmath"] = float(m["residual"])
        checks["mpmathDps"] = m["dps"]
        checks["mpmathLowerDps"] = dps
        checks["mpmathPrecisionAgreementTemperature"] = aT
        checks["mpmathPrecisionAgreementHeatCurrents"] = aJ
        checks["mpmathPrecisionAgreementCovariance"] = aC
        checks["mpmathMaxImagC"] = float(m["imag"])
        with mp.workdps(m["dps"]):
            checks["energyBalance"] = float(mp.fsum(m["J"]))
        peer = "mpmath"
    temps = [b["T"] for b in baths]
    if max(temps) == min(temps):
        Tq = temps[0]
        _, _, H = hamiltonian(V, g)
        Ceq = np.zeros((2 * L, 2 * L))
        Ceq[:L, :L] = Tq * np.linalg.inv(H)
        Ceq[L:, L:] = Tq * np.eye(L)
        checks["equilibriumDeviationScipy"] = float(np.abs(sp["C"] - Ceq).max() / np.abs(Ceq).max())
        checks["equilibriumDeviationMpmath"] = float(np.abs(Cm - Ceq).max() / np.abs(Ceq).max())
        assert checks["equilibriumDeviationMpmath"] < 1e-13 and checks["equilibriumDeviationScipy"] < 1e-11, checks
    assert checks["maxReEigA"] < 0, "A must be stable"
    assert checks["lyapunovResidualMpmath"] < 1e-40, checks
    # energy balance sum_b J_b = 0 to the accuracy of the reference (1e-11 SciPy, 1e-20 mpmath)
    assert abs(checks["energyBalance"]) <= (AGREE_SCIPY if peer == "scipy" else AGREE_PREC) * sJ, checks
    return peer, ref_T, ref_J, None, checks, sT, sJ


def solve_weak(V, g, baths):
    L = len(V)
    sp = scipy_weak(V, g, baths)
    m = mp_weak(V, g, baths, 60)
    dps = max(60, 40 + int(math.ceil(-math.log10(float(m["minW"])))))
    if dps > 60:
        m = mp_weak(V, g, baths, dps)
    maxTb = max(b["T"] for b in baths)
    sT = float(max(abs(t) for t in m["T"]))
    sW = maxTb
    devT = rel_dev(sp["T"], to_f(m["T"]), sT)
    devW = rel_dev(sp["wc"], to_f(m["wc"]), sW)
    checks = {
        "eigResidualScipy": sp["eigResidual"],
        "minBathWeight": float(m["minW"]),
        "minBathWeightScipy": float(min(sp["W"])),
        "minLevelSpacingH": float(m["gap"]),
        "scipyVsMpmathTemperature": devT,
        "scipyVsMpmathWeakCouplingCurrents": devW,
        "scipyVsMpmathWeakCouplingCurrentsRelative": rel_only(sp["wc"], to_f(m["wc"])),
    }
    if max(devT, devW) <= AGREE_SCIPY:
        ref_T, ref_W = sp["T"], sp["wc"]
        checks["mpmathDps"] = dps
        checks["weakCurrentBalance"] = float(math.fsum(sp["wc"]))
        peer = "scipy"
    else:
        while True:
            m2 = mp_weak(V, g, baths, dps + 30)
            with mp.workdps(dps + 30):
                aT = mp_rel_dev(m["T"], m2["T"], mp.mpf(sT))
                aW = mp_rel_dev(m["wc"], m2["wc"], mp.mpf(sW))
            print(f"    dps {dps} vs {dps + 30}: T {aT:.1e}  wc {aW:.1e}", flush=True)
            if max(aT, aW) <= AGREE_PREC:
                break
            m, dps = m2, dps + 30
        m = m2
        ref_T, ref_W = to_f(m["T"]), to_f(m["wc"])
        checks["mpmathDps"] = m["dps"]
        checks["mpmathLowerDps"] = dps
        checks["mpmathPrecisionAgreementTemperature"] = aT
        checks["mpmathPrecisionAgreementWeakCouplingCurrents"] = aW
        with mp.workdps(m["dps"]):
            checks["weakCurrentBalance"] = float(mp.fsum(m["wc"]))
        peer = "mpmath"
    checks["eigResidualMpmath"] = float(m["eigResidual"])
    temps = [b["T"] for b in baths]
    checks["temperatureWithinBathRange"] = bool(min(temps) - 1e-12 * sT <= min(ref_T) and max(ref_T) <= max(temps) + 1e-12 * sT)
    assert checks["temperatureWithinBathRange"], checks
    assert abs(checks["weakCurrentBalance"]) <= (AGREE_SCIPY if peer == "scipy" else AGREE_PREC) * sW, checks
    return peer, ref_T, [0.0] * len(baths), ref_W, checks, sT, sW


def tolerance_reason(lam, peer, checks):
    base = (
        "relative-to-scale, tol = 1e-9: temperature |x - r| <= tol * max(|r|, s_T), s_T = max_x |reference temperature|; "
        + ("heatCurrents |x - r| <= tol * max(|r|, s_J), s_J = lambda * max_b T_b"
           if lam > 0 else
           "heatCurrents are exactly 0 at lambda = 0 (compared with s_J = 0, i.e. |x - r| <= tol * |r|); "
           "weakCouplingCurrents |x - r| <= tol * max(|r|, s_J), s_J = max_b T_b")
        + " (absolute accuracy on the natural current scale: a current lambda (T_b - T(b)) is a difference of O(T) numbers); "
        "step must match exactly (null with null; width and midpoint equal"
        + (f"; no T(x) lies within {checks['stepThresholdMargin']:.1e} s_T of a threshold). "
           if checks["stepThresholdMargin"] is not None else "; null here: no baths at both 1 and L with T_1 != T_L). ")
    )
    if lam > 0:
        if peer == "scipy":
            why = (
                f"Why 1e-9 is safe: SciPy's Bartels-Stewart and mpmath's eq. (2.6) at dps {checks['mpmathDps']} agree to "
                f"{max(checks['scipyVsMpmathTemperature'], checks['scipyVsMpmathHeatCurrents']):.1e} (temperature, currents) and "
                f"{checks['scipyVsMpmathCovariance']:.1e} (whole C); the slowest mode decays at |Re E| = "
                f"{checks['minAbsReEigA']:.1e} (min bath weight {checks['minBathWeight']:.1e}); a backward-stable double-precision "
                "solver loses up to ~log10(max|Re E| / min|Re E|) digits, which the measured agreement confirms is far from 1e-9."
            )
        else:
            why = (
                f"Why 1e-9 is safe for the reference: the slowest mode decays at |Re E| = {checks['minAbsReEigA']:.1e} "
                f"(min bath weight {checks['minBathWeight']:.1e}), the Lyapunov equation is ill-conditioned and double "
                f"precision fails (SciPy deviates by {checks['scipyVsMpmathTemperature']:.1e} in T), so the reference is mpmath's "
                f"eq. (2.6) at dps {checks['mpmathDps']}, which agrees with dps {checks['mpmathLowerDps']} to "
                f"{max(checks['mpmathPrecisionAgreementTemperature'], checks['mpmathPrecisionAgreementHeatCurrents']):.1e}; "
                "a solver in double precision has to use a better-conditioned formulation to reach 1e-9 here."
            )
    else:
        if peer == "scipy":
            why = (
                f"Why 1e-9 is safe: SciPy eigh_tridiagonal and mpmath eigsy at dps {checks['mpmathDps']} give eq. (2.10) values "
                f"that agree to {max(checks['scipyVsMpmathTemperature'], checks['scipyVsMpmathWeakCouplingCurrents']):.1e}; the "
                f"smallest bath weight is {checks['minBathWeight']:.1e} and the smallest level spacing of H "
                f"{checks['minLevelSpacingH']:.1e}, so the mode weights are resolved in double precision."
            )
        else:
            why = (
                f"Why 1e-9 is safe for the reference: the smallest bath weight is {checks['minBathWeight']:.1e}, below what "
                f"double-precision eigenvectors resolve (SciPy deviates by {checks['scipyVsMpmathTemperature']:.1e} in T), so the "
                f"reference is mpmath eigsy at dps {checks['mpmathDps']}, which agrees with dps {checks['mpmathLowerDps']} to "
                f"{max(checks['mpmathPrecisionAgreementTemperature'], checks['mpmathPrecisionAgreementWeakCouplingCurrents']):.1e}."
            )
    return base + why


def peer_string(lam, peer, checks):
    if lam > 0:
        if peer == "scipy":
            return (f"SciPy {scipy.__version__} scipy.linalg.solve_continuous_lyapunov(A, -S S^T) (LAPACK Schur, "
                    f"Bartels-Stewart, double); verified against mpmath {mpmath.__version__} eq. (2.6) at dps {checks['mpmathDps']}")
        return (f"mpmath eq. (2.6): mpmath {mpmath.__version__} mp.eig (left and right vectors) + spectral sum at dps "
                f"{checks['mpmathDps']}, confirmed at dps {checks['mpmathLowerDps']}; SciPy solve_continuous_lyapunov "
                f"deviates by {checks['scipyVsMpmathTemperature']:.1e} (not used)")
    if peer == "scipy":
        return (f"SciPy {scipy.__version__} scipy.linalg.eigh_tridiagonal (LAPACK stemr) + eq. (2.10); verified against "
                f"mpmath {mpmath.__version__} eigsy at dps {checks['mpmathDps']}")
    return (f"mpmath eq. (2.10): mpmath {mpmath.__version__} mp.eigsy at dps {checks['mpmathDps']}, confirmed at dps "
            f"{checks['mpmathLowerDps']}; SciPy eigh_tridiagonal deviates by {checks['scipyVsMpmathTemperature']:.1e} (not used)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", type=int, action="append", help="regenerate only case N (1-based, repeatable)")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    all_cases = cases()
    todo = args.only or list(range(1, len(all_cases) + 1))
    if not args.only:
        for f in os.listdir(OUT):
            if f.endswith(".json"):
                os.remove(os.path.join(OUT, f))
    t_all = time.time()
    for i in todo:
        case = all_cases[i - 1]
        t0 = time.time()
        V, rule = potentials(case)
        L, g, lam, baths = case["L"], case["g"], case["lam"], case["baths"]
        if lam > 0:
            peer, T, J, W, checks, sT, sJ = solve_finite(V, g, lam, baths)
        else:
            peer, T, J, W, checks, sT, sJ = solve_weak(V, g, baths)
        step, margin = step_metrics(T, baths)
        checks["stepThresholdMargin"] = (margin / sT) if margin is not None else None
        if margin is not None:
            assert margin > STEP_MARGIN * sT, f"case {i}: a temperature lies within {margin} of a step threshold"
        ref = {"temperature": T, "heatCurrents": J, "step": step}
        if W is not None:
            ref["weakCouplingCurrents"] = W
        road = ("SciPy solve_continuous_lyapunov (verified by mpmath eq. (2.6))" if lam > 0 else
                "SciPy eigh_tridiagonal + eq. (2.10) (verified by mpmath eigsy)") if peer == "scipy" else (
            f"mpmath eq. ({'2.6' if lam > 0 else '2.10'}) at dps {checks['mpmathDps']} is the reference (SciPy is off by "
            f"{checks['scipyVsMpmathTemperature']:.1e} relative to scale in T)")
        desc = (f"L = {L}, g = {g}, lambda = {lam}, V: {rule}, baths "
                + ", ".join(f"{b['site']}:{b['T']}" for b in baths)
                + (f"; {case['desc']}" if case["desc"] else "") + f"; reference: {road}")
        prov = {
            "generator": GENERATOR,
            "peer": peer_string(lam, peer, checks),
            "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                         "mpmath": mpmath.__version__},
            "date": DATE,
            "command": COMMAND,
            "potentials": rule,
        }
        out = {
            "id": f"harmonic-{i:02d}",
            "description": desc,
            "input": {"kind": "harmonic-chain", "potentials": V, "g": g, "lambda": lam, "baths": baths},
            "reference": ref,
            "tolerance": TOL,
            "toleranceMetric": "relative-to-scale",
            "toleranceReason": tolerance_reason(lam, peer, checks),
            "checks": checks,
            "provenance": prov,
        }
        with open(os.path.join(OUT, f"harmonic-{i:02d}.json"), "w") as fh:
            json.dump(out, fh, indent=1)
            fh.write("\n")
        dev = checks["scipyVsMpmathTemperature"]
        print(f"harmonic-{i:02d}  L={L:2d} g={g} lam={lam}  ref={peer:6s} scipy-vs-mp T {dev:.1e}  "
              f"minW {checks['minBathWeight']:.1e}  dps {checks['mpmathDps']}  step {step}  {time.time() - t0:.1f} s",
              flush=True)
    print(f"total {time.time() - t_all:.1f} s")


if __name__ == "__main__":
    main()
