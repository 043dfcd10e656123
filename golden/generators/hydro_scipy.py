#!/usr/bin/python3
"""Golden data for the random resistor networks of [P4] (MODELS §4; CONTRACT kind
`resistor-network`), written to golden/hydro/hydro-NN.json.

Peers (Debian python3-numpy / python3-scipy / python3-mpmath; run with Debian's interpreter):

    /usr/bin/python3 golden/generators/hydro_scipy.py            # ~ 1 min (CPU, one core; mostly mpmath eigsy)
    /usr/bin/python3 golden/generators/hydro_scipy.py --only 5   # one case (number as in cases())

Every input is one explicit realization (`lengths` resp. `lengthsH`/`lengthsV`, and `g1`, `g2` in
thermal mode; no `seed`, no `realizations`), drawn here with numpy.random.default_rng(case seed)
and stored in `input`, so nessref's own random generator is not involved:
  * 1D lengths: l = a + xi * rng.exponential(1.0, n)  (p(l) = e^{-(l-a)/xi}/xi, l >= a);
  * 2D lengths: l >= a with density proportional to exp(-(l/xi)^2), exact rejection samplers:
    for alpha = a/xi <= 1, l = |rng.normal(0, xi/sqrt(2))| accepted if l >= a; for alpha > 1,
    l = sqrt(a^2 + xi^2 rng.exponential()) (density (2l/xi^2) e^{-(l^2-a^2)/xi^2} on l >= a),
    accepted with probability a/l (rng.random() < a/l). Batches of 4096 proposals are drawn
    until enough are accepted; the accepted values are taken in order, first the N(N-1)
    horizontal links, then the (N-1)N vertical ones;
  * thermal g's (after the lengths, from the same generator): g1 = 1 + rng.uniform(-dg1, dg1, n),
    then g2 = 1 + rng.uniform(-dg2, dg2, n), n = number of islands; dg = 0.05 mostly, larger
    spreads in two cases (g1 > 0 always);
  * hand-picked edge cases: uniform lengths, links set to l = 69 a (e^{-l/a} ~ 1e-30), tiny
    epsilon, N = 2, theta = 0, epsilon = 0 in charge mode, V < 0.

Conventions (MODELS §4, CONTRACT `resistor-network`): conductances
Gamma = eps kappa0 / l^{2-d} + Gamma0 e^{-l/a} (thermal), Gamma~ = eps sigma0 / l^{2-d} + Gamma0 e^{-l/a}
(charge; the field Gamma0 is Gamma~0), Gamma = Gamma0 e^{-l/a} (spreading, eps = 0); in 2D l^{2-d} = 1.
1D: link i (0-based) joins islands i and i+1. 2D: island (r, c) has the flat index r N + c;
lengthsH[r (N-1) + c] joins (r, c) and (r, c+1), lengthsV[r N + c] joins (r, c) and (r+1, c).
  * thermal: 0 = sum_{j~i} Gamma_ij (T_j - T_i) - eps g1_i (T_i - T0) + eps theta g2_i, i.e.
    (Laplacian + eps diag g1) T = eps (g1 T0 + theta g2). Result `temperature` (flat), `meanT` =
    mean_i T_i, `deltaT_over_T` = sqrt(Var_i T_i) / mean_i T_i with the population variance.
  * charge, 1D: nodes 0..N, mu_0 = V, mu_N = 0, link k = 1..N (lengths[k-1]) joins nodes k-1 and k,
    Kirchhoff at nodes 1..N-1; `current` = the current from node 0 towards node N (> 0 for V > 0).
    2D: N x N islands, mu = V on column 0, mu = 0 on column N-1, Kirchhoff on the other columns;
    `current` = sum_r Gamma~_{(r,0)-(r,1)} (V - mu_{r,1}) (total current leaving the left column).
  * spreading: de/dt = -K e, K the weighted graph Laplacian (unit heat capacities), e(0) = delta_{i,x0}
    (x0 1-based flat index); `sigmaE`(t) = sqrt(sum_i d_i^2 e_i(t)), d_i = i - x0 in 1D,
    d^2 = (r - r0)^2 + (c - c0)^2 in 2D.

Roads (all run for every case):
  * thermal, charge: SciPy -- 1D ``scipy.linalg.solve_banded`` (tridiagonal, LAPACK gbsv with
    partial pivoting), 2D ``scipy.sparse.linalg.spsolve`` (SuperLU, direct); dense
    ``numpy.linalg.solve`` on the same matrix; mpmath Gaussian elimination of the band
    (no pivoting: the matrices are symmetric, diagonally dominant M-matrices) at mp.dps = 40 with
    the conductances evaluated in mpmath from the stored lengths. 1D thermal also a cancellation-free
    elimination in double (the pivot p_i = Gamma_i + s_i is carried through its excess
    s_i = eps g1_i + Gamma_{i-1} s_{i-1} / (Gamma_{i-1} + s_{i-1}) > 0, no subtraction: a GTH-type
    elimination) -- the road a double-precision solver needs when eps is tiny. 1D charge also the
    series formula V / sum_k 1/Gamma~_k (math.fsum in double, and in mpmath at dps 40); there the
    mpmath value compared with is the series formula (the mpmath Kirchhoff solve is checked
    against it to <= 1e-30).
  * spreading: SciPy ``scipy.linalg.expm(-t K) @ e0`` (dense), NumPy ``linalg.eigh`` of K
    (e(t) = U e^{-w t} U^T e0; e(0) = e0 taken exactly), mpmath ``mp.eigsy`` of K at dps 40 and the
    same spectral sum in mpmath (e(0) = e0 exactly too; the raw spectral sum at t = 0 is recorded).
Reference rule (as in harmonic_scipy.py): the SciPy value is the reference when it agrees with
the mpmath value to <= 1e-12 relative to scale; otherwise the mpmath value is (said in the
description and the peer), confirmed by a second run at dps 60 agreeing to <= 1e-20. Three cases
take the mpmath value: hydro-08 (eps = 1e-10: plain LU loses ~log10(Gamma/eps) digits; SciPy off
by 1.5e-7), hydro-21 (Gamma~ spread 5e6: the Kirchhoff solve is off by 1.2e-9; the double series
formula is not), and the spreading cases hydro-26, hydro-29 (t_max ||K|| ~ 1e4-1e5: expm is off by
2-4e-12, inside the tolerance but above 1e-12). Where SciPy is the reference the dense road must
agree to <= 1e-11; in spreading both double roads must agree with mpmath to <= tol/3. The
thermal scalars `meanT` and `deltaT_over_T` are always evaluated in mpmath from the mpmath
profile (the population standard deviation of a nearly flat profile is not resolved from a
double profile). The 1D charge `current` of the SciPy road is Gamma~_k (mu_{k-1} - mu_k) on the
link with the largest potential drop (Kirchhoff makes it the same on every link; there it has
no cancellation).

Tolerance 1e-10, relative to scale (stored with each case, the reason in `toleranceReason`):
  temperature    |x - r| <= tol max(|r|, s_T), s_T = max_i |r_T,i|;
  meanT          |x - r| <= tol max(|r|, s_T);
  deltaT_over_T  |x - r| <= tol (1 + |r|) s_T / |meanT| (what a profile accurate to tol s_T implies);
  current        |x - r| <= tol |r|;
  sigmaE         |x - r| <= tol max(|r|, max_t |r(t)|).

Checks per case (stored in `checks`): road agreements (SciPy vs mpmath, dense vs mpmath, the
cancellation-free elimination / the series formula vs mpmath, eigh vs mpmath), the relative
residual of the SciPy solve, the energy balance sum_i eps g1_i (T_i - T0) = sum_i eps theta g2_i
(relative, from the mpmath and from the reference profile), current conservation (2D: left
column vs right column), conditioning (largest / smallest conductance, largest conductance /
smallest eps g1, the 2-norm condition number of the matrix), spreading: mass sum_i e_i - 1,
smallest e_i, slowest relaxation rate lambda_1 of K (mpmath), lambda_1 t_max, sigmaE(t_max) /
sigma_inf with sigma_inf^2 = mean_i d_i^2 (the wall-saturated value), the same over the islands the
packet can reach through links > 1e-20 Gamma_max (a link of length 69 a cuts the chain), for N = 2
the closed form.
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
import scipy.sparse as sps
import scipy.sparse.linalg as spla
from mpmath import mp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "hydro"))
GENERATOR = "golden/generators/hydro_scipy.py"
COMMAND = "/usr/bin/python3 golden/generators/hydro_scipy.py"
DATE = datetime.date.today().isoformat()
TOL = 1e-10
AGREE_SCIPY = 1e-12   # SciPy is the reference when it agrees with mpmath this well
AGREE_PREC = 1e-20    # dps 40 and dps 60 must agree this well when mpmath is the reference
AGREE_ROADS = 1e-11   # every double road that is not the reference must still agree this well (except where noted)
DPS = 40
DPS_CONFIRM = 60
LONG = 69.0           # a long link, in units of a: e^{-69} = 1.0e-30
MAX_BYTES = 150_000


# ----------------------------------------------------------------------------- drawing

def draw_lengths_1d(rng, a, xi, n):
    return [float(a + xi * x) for x in rng.exponential(1.0, n)]


def draw_lengths_2d(rng, a, xi, n):
    out = []
    alpha = a / xi
    while len(out) < n:
        if alpha <= 1:
            l = np.abs(rng.normal(0.0, xi / math.sqrt(2.0), 4096))
            out.extend(float(x) for x in l[l >= a])
        else:
            l = np.sqrt(a * a + xi * xi * rng.exponential(1.0, 4096))
            u = rng.random(4096)
            out.extend(float(x) for x in l[u < a / l])
    return out[:n]


def sampler_rule(case):
    d, a, xi, seed = case["dim"], case["a"], case["xi"], case["seed"]
    N = case["N"]
    if case.get("uniform") is not None:
        rule = f"uniform: every link l = {case['uniform']}"
    elif d == 1:
        n = N if case["mode"] == "charge" else N - 1
        rule = f"numpy.random.default_rng({seed}): l = {a} + {xi} * exponential(1.0, {n})"
    else:
        s = (f"|normal(0, xi/sqrt 2)| accepted if l >= a" if a / xi <= 1 else
             "sqrt(a^2 + xi^2 exponential()) accepted with probability a/l")
        rule = (f"numpy.random.default_rng({seed}): {s}, batches of 4096, a = {a}, xi = {xi}; "
                f"first {N * (N - 1)} accepted = lengthsH, next {(N - 1) * N} = lengthsV")
    if case.get("long"):
        rule += f"; then links {case['long']} ({'lengthsH' if d == 2 else 'lengths'} indices, 0-based) set to {LONG} a"
    return rule


def realize(case):
    """Draw the explicit realization of a case; returns the input fields and the rules used."""
    rng = np.random.default_rng(case["seed"])
    d, N, a, xi, mode = case["dim"], case["N"], case["a"], case["xi"], case["mode"]
    fields = {}
    if d == 1:
        n = N if mode == "charge" else N - 1
        if case.get("uniform") is not None:
            ls = [float(case["uniform"])] * n
        else:
            ls = draw_lengths_1d(rng, a, xi, n)
        for k in case.get("long", []):
            ls[k] = LONG * a
        fields["lengths"] = ls
        islands = N
    else:
        nh = N * (N - 1)
        if case.get("uniform") is not None:
            ls = [float(case["uniform"])] * (2 * nh)
        else:
            ls = draw_lengths_2d(rng, a, xi, 2 * nh)
        lh, lv = ls[:nh], ls[nh:]
        for k in case.get("long", []):
            lh[k] = LONG * a
        fields["lengthsH"], fields["lengthsV"] = lh, lv
        islands = N * N
    grule = None
    if mode == "thermal":
        dg1, dg2 = case.get("dg", (0.05, 0.05))
        g1 = [float(1.0 + x) for x in rng.uniform(-dg1, dg1, islands)]
        g2 = [float(1.0 + x) for x in rng.uniform(-dg2, dg2, islands)]
        assert min(g1) > 0
        fields["g1"], fields["g2"] = g1, g2
        grule = (f"same generator after the lengths: g1 = 1 + uniform(-{dg1}, {dg1}, {islands}), "
                 f"then g2 = 1 + uniform(-{dg2}, {dg2}, {islands})")
    return fields, sampler_rule(case), grule


# ----------------------------------------------------------------------------- network geometry

def links(case, fields):
    """List of (u, v, length) over islands (thermal, spreading) with flat island indices."""
    d, N = case["dim"], case["N"]
    if d == 1:
        return [(i, i + 1, l) for i, l in enumerate(fields["lengths"])]
    out = []
    for r in range(N):
        for c in range(N - 1):
            out.append((r * N + c, r * N + c + 1, fields["lengthsH"][r * (N - 1) + c]))
    for r in range(N - 1):
        for c in range(N):
            out.append((r * N + c, (r + 1) * N + c, fields["lengthsV"][r * N + c]))
    return out


def cond_f(l, eps, c0, G0, a, d):
    base = eps * c0 if d == 2 else eps * c0 / l
    return base + G0 * math.exp(-l / a)


def cond_m(l, eps, c0, G0, a, d):
    l = mp.mpf(l)
    base = mp.mpf(eps) * mp.mpf(c0) if d == 2 else mp.mpf(eps) * mp.mpf(c0) / l
    return base + mp.mpf(G0) * mp.exp(-l / mp.mpf(a))


class System:
    """A x = b over n unknowns, given by edges (i, j, G) between unknowns, extra diagonal and rhs."""

    def __init__(self, n):
        self.n = n
        self.edges = []
        self.diag = [0] * n
        self.rhs = [0] * n

    def bandwidth(self):
        return max([abs(i - j) for i, j, _ in self.edges] + [0])

    def sparse(self):
        n = self.n
        rows, cols, vals = [], [], []
        dg = [float(x) for x in self.diag]
        for i, j, G in self.edges:
            G = float(G)
            rows += [i, j]
            cols += [j, i]
            vals += [-G, -G]
            dg[i] += G
            dg[j] += G
        rows += list(range(n))
        cols += list(range(n))
        vals += dg
        A = sps.csr_matrix((vals, (rows, cols)), shape=(n, n))
        A.sum_duplicates()
        return A, np.array([float(x) for x in self.rhs])

    def mp_solve(self):
        """Band Gaussian elimination without pivoting in mpmath (entries already mpf)."""
        n, w = self.n, max(self.bandwidth(), 1)
        B = [[mp.mpf(0)] * (2 * w + 1) for _ in range(n)]
        for i in range(n):
            B[i][w] += self.diag[i]
        for i, j, G in self.edges:
            B[i][w] += G
            B[j][w] += G
            B[i][w + j - i] -= G
            B[j][w + i - j] -= G
        y = [mp.mpf(x) for x in self.rhs]
        for k in range(n):
            piv = B[k][w]
            rowk = B[k]
            for i in range(k + 1, min(n, k + w + 1)):
                aik = B[i][w + k - i]
                if aik == 0:
                    continue
                f = aik / piv
                rowi = B[i]
                off = w - i
                offk = w - k
                for j in range(k + 1, min(n, k + w + 1)):
                    rowi[off + j] -= f * rowk[offk + j]
                rowi[off + k] = mp.mpf(0)
                y[i] -= f * y[k]
        x = [mp.mpf(0)] * n
        for k in range(n - 1, -1, -1):
            s = y[k]
            for j in range(k + 1, min(n, k + w + 1)):
                s -= B[k][w + j - k] * x[j]
            x[k] = s / B[k][w]
        return x


def rel_dev(x, r, s):
    """max_i |x_i - r_i| / max(|r_i|, s) -- the metric of toleranceReason."""
    x = np.asarray(x, dtype=float)
    r = np.asarray(r, dtype=float)
    if r.size == 0:
        return 0.0
    den = np.maximum(np.abs(r), s)
    return float(np.max(np.abs(x - r) / den))


def mp_rel_dev(x, r, s):
    return float(max(abs(a - b) / max(abs(b), s) for a, b in zip(x, r)))


def to_f(xs):
    return [float(x) for x in xs]


def sci(x):
    return f"{x:.1e}"


# ----------------------------------------------------------------------------- thermal

def thermal_system(case, fields, inp, backend):
    d = case["dim"]
    n = case["N"] if d == 1 else case["N"] ** 2
    eps, k0, G0, a = inp["epsilon"], inp["kappa0"], inp["Gamma0"], inp["a"]
    T0, th = inp["T0"], inp["theta"]
    S = System(n)
    if backend == "mp":
        c = lambda l: cond_m(l, eps, k0, G0, a, d)
        E, T0m, thm = mp.mpf(eps), mp.mpf(T0), mp.mpf(th)
        for i in range(n):
            g1, g2 = mp.mpf(fields["g1"][i]), mp.mpf(fields["g2"][i])
            S.diag[i] = E * g1
            S.rhs[i] = E * (g1 * T0m + thm * g2)
    else:
        c = lambda l: cond_f(l, eps, k0, G0, a, d)
        for i in range(n):
            g1, g2 = fields["g1"][i], fields["g2"][i]
            S.diag[i] = eps * g1
            S.rhs[i] = eps * (g1 * T0 + th * g2)
    for u, v, l in links(case, fields):
        S.edges.append((u, v, c(l)))
    return S


def solve_banded_1d(S):
    """SciPy solve_banded of the tridiagonal system of a 1D network (edges (i, i+1) in order)."""
    n = S.n
    ab = np.zeros((3, n))
    diag = np.array([float(x) for x in S.diag])
    for i, j, G in S.edges:
        assert j == i + 1
        G = float(G)
        ab[0, j] = -G
        ab[2, i] = -G
        diag[i] += G
        diag[j] += G
    ab[1] = diag
    return sla.solve_banded((1, 1), ab, np.array([float(x) for x in S.rhs]))


def gth_1d(S):
    """Cancellation-free elimination of (Laplacian + diag(s0)) T = b on a chain, in double."""
    n = S.n
    G = [0.0] * n
    for i, j, g in S.edges:
        G[i] = float(g)
    ex = [float(x) for x in S.diag]
    b = [float(x) for x in S.rhs]
    s = [0.0] * n
    p = [0.0] * n
    y = [0.0] * n
    for i in range(n):
        if i == 0:
            s[i] = ex[i]
            y[i] = b[i]
        else:
            s[i] = ex[i] + G[i - 1] * s[i - 1] / (G[i - 1] + s[i - 1])
            y[i] = b[i] + G[i - 1] * y[i - 1] / p[i - 1]
        p[i] = G[i] + s[i]
    T = [0.0] * n
    T[n - 1] = y[n - 1] / p[n - 1]
    for i in range(n - 2, -1, -1):
        T[i] = (y[i] + G[i] * T[i + 1]) / p[i]
    return T


def thermal_scalars_mp(Tm):
    n = len(Tm)
    mean = mp.fsum(Tm) / n
    var = mp.fsum((t - mean) ** 2 for t in Tm) / n
    return mean, mp.sqrt(var) / mean


def solve_thermal(case, fields, inp):
    d = case["dim"]
    Sf = thermal_system(case, fields, inp, "f")
    A, b = Sf.sparse()
    t0 = time.time()
    if d == 1:
        Ts = solve_banded_1d(Sf)
    else:
        Ts = spla.spsolve(A.tocsc(), b)
    Ad = A.toarray()
    Tdense = np.linalg.solve(Ad, b)
    with mp.workdps(DPS):
        Tm = thermal_system(case, fields, inp, "mp").mp_solve()
        meanm, deltam = thermal_scalars_mp(Tm)
    sT = float(max(abs(t) for t in Tm))
    devS = rel_dev(Ts, to_f(Tm), sT)
    devD = rel_dev(Tdense, to_f(Tm), sT)
    eps, T0, th = inp["epsilon"], inp["T0"], inp["theta"]
    G = np.array([float(g) for _, _, g in Sf.edges])
    checks = {
        "scipyVsMpmathTemperature": devS,
        "denseVsMpmathTemperature": devD,
    }
    if d == 1:
        checks["cancellationFreeEliminationVsMpmathTemperature"] = rel_dev(gth_1d(Sf), to_f(Tm), sT)
    res = np.abs(A @ Ts - b).max() / (np.abs(Ad).sum(axis=1).max() * np.abs(Ts).max() + np.abs(b).max())
    checks["scipyRelativeResidual"] = float(res)
    g1, g2 = fields["g1"], fields["g2"]
    # energy balance, relative to eps (sum_i g1_i (|T_i| + |T0|) + |theta| sum_i g2_i)
    with mp.workdps(DPS):
        E = mp.mpf(eps)
        lhs = mp.fsum(E * mp.mpf(g1[i]) * (Tm[i] - mp.mpf(T0)) for i in range(len(Tm)))
        rhs = mp.fsum(E * mp.mpf(th) * mp.mpf(g2[i]) for i in range(len(Tm)))
        scale = mp.fsum(E * mp.mpf(g1[i]) * (abs(Tm[i]) + abs(mp.mpf(T0))) for i in range(len(Tm))) + abs(rhs)
        checks["energyBalanceMpmath"] = float((lhs - rhs) / scale)
    checks["gammaMax"] = float(G.max())
    checks["gammaMin"] = float(G.min())
    checks["gammaMaxOverGammaMin"] = float(G.max() / G.min())
    checks["gammaMaxOverEpsMinG1"] = float(G.max() / (eps * min(g1)))
    checks["conditionNumber2"] = float(np.linalg.cond(Ad))
    peer = "scipy" if devS <= AGREE_SCIPY else "mpmath"
    if peer == "scipy":
        T = [float(x) for x in Ts]
    else:
        with mp.workdps(DPS_CONFIRM):
            Tm2 = thermal_system(case, fields, inp, "mp").mp_solve()
            agree = mp_rel_dev(Tm, Tm2, mp.mpf(sT))
            mean2, delta2 = thermal_scalars_mp(Tm2)
        assert agree <= AGREE_PREC, agree
        checks["mpmathPrecisionAgreementTemperature"] = agree
        checks["mpmathConfirmDps"] = DPS_CONFIRM
        T = to_f(Tm2)
        meanm, deltam = mean2, delta2
    checks["mpmathDps"] = DPS
    # energy balance of the stored (double) profile
    lhs = math.fsum(eps * g1[i] * (T[i] - T0) for i in range(len(T)))
    rhs = math.fsum(eps * th * g2[i] for i in range(len(T)))
    scale = math.fsum(eps * g1[i] * (abs(T[i]) + abs(T0)) for i in range(len(T))) + abs(rhs)
    checks["energyBalanceReference"] = (lhs - rhs) / scale
    # what the SciPy profile would give for the scalars (diagnostic)
    mS = float(np.mean(Ts))
    checks["scipyMeanTDeviation"] = abs(mS - float(meanm)) / sT
    checks["scipyDeltaTOverTDeviation"] = abs(float(np.std(Ts) / mS) - float(deltam))
    if peer == "scipy":
        assert devD <= AGREE_ROADS, devD
    if d == 1:
        assert checks["cancellationFreeEliminationVsMpmathTemperature"] <= AGREE_SCIPY
    ref = {"temperature": T, "meanT": float(meanm), "deltaT_over_T": float(deltam)}
    return peer, ref, checks


# ----------------------------------------------------------------------------- charge

def charge_1d(case, inp, ls, backend):
    """Kirchhoff system over nodes 1..N-1 (unknown index k-1) and the conductances of links 1..N."""
    N, eps, s0, G0, a, V = inp["N"], inp["epsilon"], inp["sigma0"], inp["Gamma0"], inp["a"], inp["V"]
    if backend == "mp":
        G = [cond_m(l, eps, s0, G0, a, 1) for l in ls]
        Vv = mp.mpf(V)
    else:
        G = [cond_f(l, eps, s0, G0, a, 1) for l in ls]
        Vv = V
    S = System(N - 1)
    # link k (1..N) joins nodes k-1 and k; G[k-1]
    for k in range(1, N + 1):
        u, v = k - 1, k
        iu, iv = u - 1, v - 1  # unknown indices (node 0 and node N are fixed)
        fu, fv = (u == 0 or u == N), (v == 0 or v == N)
        if not fu and not fv:
            S.edges.append((iu, iv, G[k - 1]))
        elif fu and not fv:
            S.diag[iv] += G[k - 1]
            S.rhs[iv] += G[k - 1] * (Vv if u == 0 else 0)
        elif fv and not fu:
            S.diag[iu] += G[k - 1]
            S.rhs[iu] += G[k - 1] * (Vv if v == 0 else 0)
    return S, G


def solve_charge_1d(case, fields, inp):
    N, V = inp["N"], inp["V"]
    ls = fields["lengths"]
    Sf, Gf = charge_1d(case, inp, ls, "f")
    mu = solve_banded_1d(Sf)
    A, b = Sf.sparse()
    mud = np.linalg.solve(A.toarray(), b)
    full = np.concatenate([[V], mu, [0.0]])
    drops = full[:-1] - full[1:]
    kstar = int(np.argmax(np.abs(drops)))
    I_scipy = float(Gf[kstar] * drops[kstar])
    fulld = np.concatenate([[V], mud, [0.0]])
    dd = fulld[:-1] - fulld[1:]
    kd = int(np.argmax(np.abs(dd)))
    I_dense = float(Gf[kd] * dd[kd])
    I_series = V / math.fsum(1.0 / g for g in Gf)
    with mp.workdps(DPS):
        Sm, Gm = charge_1d(case, inp, ls, "mp")
        Im = mp.mpf(V) / mp.fsum(1 / g for g in Gm)
        mum = Sm.mp_solve()
        fullm = [mp.mpf(V)] + mum + [mp.mpf(0)]
        km = max(range(N), key=lambda k: abs(fullm[k] - fullm[k + 1]))
        kirch_mp = float(abs(Gm[km] * (fullm[km] - fullm[km + 1]) - Im) / abs(Im))
    rel = lambda x: float(abs(mp.mpf(x) - Im) / abs(Im))
    G = np.array(Gf)
    checks = {
        "scipyKirchhoffVsMpmathSeries": rel(I_scipy),
        "denseKirchhoffVsMpmathSeries": rel(I_dense),
        "seriesDoubleVsMpmathSeries": rel(I_series),
        "mpmathKirchhoffVsMpmathSeries": kirch_mp,
        "scipyRelativeResidual": float(np.abs(A @ mu - b).max() / (np.abs(A).sum(axis=1).max() * np.abs(mu).max() + np.abs(b).max())),
        "linkOfLargestDrop": kstar + 1,
        "gammaMax": float(G.max()),
        "gammaMin": float(G.min()),
        "gammaMaxOverGammaMin": float(G.max() / G.min()),
        "conditionNumber2": float(np.linalg.cond(A.toarray())),
        "mpmathDps": DPS,
    }
    assert kirch_mp <= 1e-30, kirch_mp
    assert checks["seriesDoubleVsMpmathSeries"] <= AGREE_SCIPY
    peer = "scipy" if checks["scipyKirchhoffVsMpmathSeries"] <= AGREE_SCIPY else "mpmath"
    if peer == "scipy":
        assert checks["denseKirchhoffVsMpmathSeries"] <= AGREE_ROADS, checks
    I = I_scipy
    if peer == "mpmath":
        with mp.workdps(DPS_CONFIRM):
            _, Gm2 = charge_1d(case, inp, ls, "mp")
            Im2 = mp.mpf(V) / mp.fsum(1 / g for g in Gm2)
            agree = float(abs(Im2 - Im) / abs(Im2))
        assert agree <= AGREE_PREC
        checks["mpmathPrecisionAgreementCurrent"] = agree
        checks["mpmathConfirmDps"] = DPS_CONFIRM
        I = float(Im2)
    return peer, {"current": I}, checks


def charge_2d(case, fields, inp, backend):
    N, eps, s0, G0, a, V = inp["N"], inp["epsilon"], inp["sigma0"], inp["Gamma0"], inp["a"], inp["V"]
    cf = (lambda l: cond_m(l, eps, s0, G0, a, 2)) if backend == "mp" else (lambda l: cond_f(l, eps, s0, G0, a, 2))
    Vv = mp.mpf(V) if backend == "mp" else V
    zero = mp.mpf(0) if backend == "mp" else 0.0
    S = System(N * (N - 2))
    idx = lambda r, c: r * (N - 2) + (c - 1)
    fixed = lambda c: (Vv if c == 0 else zero) if c in (0, N - 1) else None
    GH = {}
    for (u, v, l) in links(case, fields):
        ru, cu = divmod(u, N)
        rv, cv = divmod(v, N)
        G = cf(l)
        if rv == ru:
            GH[(ru, cu)] = G
        fu, fv = fixed(cu), fixed(cv)
        if fu is None and fv is None:
            S.edges.append((idx(ru, cu), idx(rv, cv), G))
        elif fu is None:
            S.diag[idx(ru, cu)] += G
            S.rhs[idx(ru, cu)] += G * fv
        elif fv is None:
            S.diag[idx(rv, cv)] += G
            S.rhs[idx(rv, cv)] += G * fu
    return S, GH


def currents_2d(N, V, mu_unknown, GH, zero):
    def mu(r, c):
        if c == 0:
            return V
        if c == N - 1:
            return zero
        return mu_unknown[r * (N - 2) + (c - 1)]
    left = [GH[(r, 0)] * (V - mu(r, 1)) for r in range(N)]
    right = [GH[(r, N - 2)] * (mu(r, N - 2) - zero) for r in range(N)]
    return left, right


def solve_charge_2d(case, fields, inp):
    N, V = inp["N"], inp["V"]
    Sf, GHf = charge_2d(case, fields, inp, "f")
    if Sf.n > 0:
        A, b = Sf.sparse()
        mu = spla.spsolve(A.tocsc(), b)
        mud = np.linalg.solve(A.toarray(), b)
        res = float(np.abs(A @ mu - b).max() / (np.abs(A).sum(axis=1).max() * np.abs(mu).max() + np.abs(b).max()))
        condn = float(np.linalg.cond(A.toarray()))
    else:
        mu = mud = np.zeros(0)
        res, condn = 0.0, 1.0
    l, r = currents_2d(N, V, mu, GHf, 0.0)
    I_s, I_s_right = math.fsum(l), math.fsum(r)
    l, r = currents_2d(N, V, mud, GHf, 0.0)
    I_d = math.fsum(l)
    with mp.workdps(DPS):
        Sm, GHm = charge_2d(case, fields, inp, "mp")
        mum = Sm.mp_solve() if Sm.n > 0 else []
        l, r = currents_2d(N, mp.mpf(V), mum, GHm, mp.mpf(0))
        Im, Im_right = mp.fsum(l), mp.fsum(r)
    rel = lambda x: float(abs(mp.mpf(x) - Im) / abs(Im))
    G = np.array([cond_f(ll, inp["epsilon"], inp["sigma0"], inp["Gamma0"], inp["a"], 2) for _, _, ll in links(case, fields)])
    checks = {
        "scipyVsMpmathCurrent": rel(I_s),
        "denseVsMpmathCurrent": rel(I_d),
        "scipyLeftVsRightColumnCurrent": abs(I_s - I_s_right) / abs(I_s),
        "mpmathLeftVsRightColumnCurrent": float(abs(Im - Im_right) / abs(Im)),
        "scipyRelativeResidual": res,
        "gammaMax": float(G.max()),
        "gammaMin": float(G.min()),
        "gammaMaxOverGammaMin": float(G.max() / G.min()),
        "conditionNumber2": condn,
        "mpmathDps": DPS,
    }
    assert checks["mpmathLeftVsRightColumnCurrent"] <= 1e-25
    peer = "scipy" if checks["scipyVsMpmathCurrent"] <= AGREE_SCIPY else "mpmath"
    if peer == "scipy":
        assert checks["denseVsMpmathCurrent"] <= AGREE_ROADS, checks
    I = I_s
    if peer == "mpmath":
        with mp.workdps(DPS_CONFIRM):
            Sm2, GHm2 = charge_2d(case, fields, inp, "mp")
            l, _ = currents_2d(N, mp.mpf(V), Sm2.mp_solve(), GHm2, mp.mpf(0))
            Im2 = mp.fsum(l)
            agree = float(abs(Im2 - Im) / abs(Im2))
        assert agree <= AGREE_PREC
        checks["mpmathPrecisionAgreementCurrent"] = agree
        checks["mpmathConfirmDps"] = DPS_CONFIRM
        I = float(Im2)
    return peer, {"current": I}, checks


# ----------------------------------------------------------------------------- spreading

def mp_spread(lk, n, G0, a, x0, d2, times, dps):
    """sigmaE(t) from mpmath eigsy of K at the given precision (e(0) = e0 exactly; the raw spectral value at t = 0 is returned too)."""
    with mp.workdps(dps):
        Km = mp.matrix(n, n)
        for u, v, l in lk:
            G = mp.mpf(G0) * mp.exp(-mp.mpf(l) / mp.mpf(a))
            Km[u, u] += G
            Km[v, v] += G
            Km[u, v] -= G
            Km[v, u] -= G
        wm, Um = mp.eigsy(Km)
        cm = [Um[x0, k] for k in range(n)]
        d2m = [mp.mpf(int(x)) for x in d2]
        s3 = []
        for t in times:
            tm = mp.mpf(t)
            coef = [mp.exp(-wm[k] * tm) * cm[k] for k in range(n)]
            e = [mp.fsum(Um[i, k] * coef[k] for k in range(n)) for i in range(n)]
            sg = mp.sqrt(abs(mp.fsum(d2m[i] * e[i] for i in range(n))))
            if t == 0:
                raw0 = sg  # the spectral sum at t = 0 (should be ~10^{-dps/2}); e(0) = e0 is used
                sg = mp.mpf(0)
            s3.append(sg)
        ws = sorted(wm[k] for k in range(n))
        return s3, ws[0], ws[1], raw0


def spreading(case, fields, inp):
    d, N, G0, a = case["dim"], case["N"], inp["Gamma0"], inp["a"]
    n = N if d == 1 else N * N
    times = inp["times"]
    x0 = inp["x0"] - 1
    if d == 1:
        d2 = np.array([float((i - x0) ** 2) for i in range(n)])
    else:
        r0, c0 = divmod(x0, N)
        d2 = np.array([float((i // N - r0) ** 2 + (i % N - c0) ** 2) for i in range(n)])
    K = np.zeros((n, n))
    lk = links(case, fields)
    for u, v, l in lk:
        G = G0 * math.exp(-l / a)
        K[u, u] += G
        K[v, v] += G
        K[u, v] -= G
        K[v, u] -= G
    e0 = np.zeros(n)
    e0[x0] = 1.0
    sig = lambda e: math.sqrt(max(0.0, math.fsum(d2 * e)))
    # road 1: SciPy expm
    E1 = [sla.expm(-t * K) @ e0 for t in times]
    s1 = [sig(e) for e in E1]
    # road 2: numpy eigh (t = 0 exactly e0)
    w, U = np.linalg.eigh(K)
    c = U[x0, :]
    E2 = [e0 if t == 0 else U @ (np.exp(-w * t) * c) for t in times]
    s2 = [sig(e) for e in E2]
    # road 3: mpmath eigsy
    s3, lam0, lam1, raw0 = mp_spread(lk, n, G0, a, x0, d2, times, DPS)
    scale = max(float(x) for x in s3)
    s3f = to_f(s3)
    dev1 = rel_dev(s1, s3f, scale)
    dev2 = rel_dev(s2, s3f, scale)
    mass = max(abs(math.fsum(e) - 1.0) for e in E1)
    sig_inf = math.sqrt(float(np.mean(d2)))
    G = np.array([G0 * math.exp(-l / a) for _, _, l in lk])
    # the part of the network the packet can reach: drop links weaker than 1e-20 Gamma_max
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for (u, v, _), g in zip(lk, G):
        if g > 1e-20 * G.max():
            parent[root(u)] = root(v)
    comp = [i for i in range(n) if root(i) == root(x0)]
    sig_comp = math.sqrt(float(np.mean(d2[comp])))
    checks = {
        "expmVsMpmathSigmaE": dev1,
        "eighVsMpmathSigmaE": dev2,
        "expmMaxMassError": mass,
        "expmMinEnergy": float(min(e.min() for e in E1)),
        "mpmathZeroEigenvalue": float(lam0),
        "mpmathSpectralSumSigmaAtTimeZero": float(raw0),
        "lambda1": float(lam1),
        "lambda1TimesTmax": float(lam1) * max(times),
        "sigmaInfinity": sig_inf,
        "sigmaEAtTmaxOverSigmaInfinity": s1[-1] / sig_inf,
        "islandsReachable": len(comp),
        "sigmaInfinityReachable": sig_comp,
        "sigmaEAtTmaxOverSigmaInfinityReachable": s1[-1] / sig_comp,
        "gammaMax": float(G.max()),
        "gammaMin": float(G.min()),
        "gammaMaxOverGammaMin": float(G.max() / G.min()),
        "normKTimesTmax": float(np.abs(K).sum(axis=1).max() * max(times)),
        "mpmathDps": DPS,
    }
    if d == 1 and N == 2:
        Gl = G0 * math.exp(-fields["lengths"][0] / a)
        closed = [math.sqrt(-math.expm1(-2 * Gl * t) / 2) for t in times]
        checks["closedFormVsMpmathSigmaE"] = rel_dev(closed, s3f, scale)
        assert checks["closedFormVsMpmathSigmaE"] <= AGREE_SCIPY
    # the plain double roads must pass the test comfortably (a double-precision solver can)
    assert max(dev1, dev2) <= TOL / 3, checks
    peer = "scipy" if dev1 <= AGREE_SCIPY else "mpmath"
    out = [float(x) for x in s1]
    if peer == "mpmath":
        s4, _, _, _ = mp_spread(lk, n, G0, a, x0, d2, times, DPS_CONFIRM)
        with mp.workdps(DPS_CONFIRM):
            agree = mp_rel_dev(s3, s4, mp.mpf(scale))
        assert agree <= AGREE_PREC, agree
        checks["mpmathPrecisionAgreementSigmaE"] = agree
        checks["mpmathConfirmDps"] = DPS_CONFIRM
        out = to_f(s4)
    return peer, {"sigmaE": out}, checks


# ----------------------------------------------------------------------------- cases

PAPER = {"kappa0": 1.0, "Gamma0": 5.0, "T0": 1.0, "theta": 1.0}
TIMES = [0.0, 0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0]


def cases():
    c = []

    def th(desc, dim, N, a, xi, eps, seed, **kw):
        p = dict(PAPER)
        p.update({k: kw.pop(k) for k in list(kw) if k in ("kappa0", "Gamma0", "T0", "theta")})
        c.append(dict(mode="thermal", dim=dim, N=N, a=a, xi=xi, epsilon=eps, seed=seed, desc=desc, params=p, **kw))

    def ch(desc, dim, N, a, xi, eps, V, seed, sigma0=1.0, Gamma0=5.0, **kw):
        c.append(dict(mode="charge", dim=dim, N=N, a=a, xi=xi, epsilon=eps, seed=seed, desc=desc,
                      params={"sigma0": sigma0, "Gamma0": Gamma0, "V": V}, **kw))

    def sp(desc, dim, N, a, xi, x0, seed, times=TIMES, Gamma0=5.0, **kw):
        c.append(dict(mode="spreading", dim=dim, N=N, a=a, xi=xi, seed=seed, desc=desc,
                      params={"Gamma0": Gamma0, "times": list(times), "x0": x0}, **kw))

    # ---- 1D thermal
    th("smallest network (N = 2)", 1, 2, 1.0, 2.0, 0.1, 101)
    th("clean chain: every l = a", 1, 10, 1.0, 2.0, 0.05, 102, uniform=1.0)
    th("alpha = 0.5", 1, 50, 1.0, 2.0, 1e-2, 103)
    th("alpha = 2", 1, 200, 1.0, 0.5, 1e-3, 104)
    th("[P4] Fig. 1 parameters, alpha = 0.5, one realization", 1, 1000, 1.0, 2.0, 1e-2, 105)
    th("alpha = 2, small epsilon", 1, 1000, 1.0, 0.5, 1e-4, 106)
    th("three links of length 69 a (e^{-l/a} = 1e-30: eps kappa0 / l carries the heat there)", 1, 100, 1.0, 1.0, 1e-3,
       107, long=[24, 49, 74])
    th("tiny epsilon = 1e-10 (nearly flat profile; the Laplacian's cancellation defeats plain LU)", 1, 100, 1.0, 0.5,
       1e-10, 108)
    th("a = 0.5, other kappa0, Gamma0, T0, theta, large g spread (dg1 = 0.5, dg2 = 0.9)", 1, 30, 0.5, 1.5, 0.02, 109,
       kappa0=0.3, Gamma0=2.0, T0=0.5, theta=2.0, dg=(0.5, 0.9))
    th("theta = 0: T = T0 everywhere, deltaT_over_T = 0 (up to rounding)", 1, 40, 1.0, 1.0, 0.01, 110, T0=0.7, theta=0.0)
    # ---- 2D thermal
    th("smallest 2D network (N = 2)", 2, 2, 1.0, 1.0, 0.1, 111)
    th("clean 5 x 5: every l = 1.5", 2, 5, 1.0, 1.0, 0.01, 112, uniform=1.5)
    th("alpha = 0.5", 2, 20, 1.0, 2.0, 1e-2, 113)
    th("alpha = 1.5, largest 2D solve", 2, 30, 1.5, 1.0, 1e-3, 114)
    th("a = 0.5, other parameters, large g spread, four horizontal links of length 69 a", 2, 10, 0.5, 1.0, 0.05, 115,
       kappa0=2.0, Gamma0=3.0, T0=1.0, theta=0.5, dg=(0.4, 0.8), long=[3, 30, 31, 77])
    # ---- 1D charge
    ch("smallest network (N = 2: one interior node)", 1, 2, 1.0, 2.0, 0.1, 0.2, 116)
    ch("alpha = 0.5, V = 0.1 N", 1, 100, 1.0, 2.0, 1e-2, 10.0, 117)
    ch("alpha = 2, V = 0.1 N", 1, 1000, 1.0, 0.5, 1e-3, 100.0, 118)
    ch("epsilon = 0 and one link of length 69 a: current ~ V Gamma0 e^{-69}", 1, 20, 1.0, 1.0, 0.0, 2.0, 119, long=[10])
    ch("epsilon = 0, alpha = 2, a = 0.5, V < 0", 1, 500, 0.5, 0.25, 0.0, -50.0, 120)
    ch("alpha = 1/3, eps sigma0 / l dominates the weakest links", 1, 200, 1.0, 3.0, 1e-6, 20.0, 121, sigma0=2.0,
       Gamma0=1.0)
    # ---- 2D charge
    ch("smallest 2D network (N = 2: no interior column)", 2, 2, 1.0, 1.0, 0.1, 1.0, 122)
    ch("alpha = 0.5", 2, 15, 1.0, 2.0, 1e-2, 1.5, 123)
    ch("alpha = 1.5, largest 2D solve", 2, 30, 1.5, 1.0, 1e-3, 3.0, 124)
    # ---- 1D spreading
    sp("N = 2 (closed form sigma = sqrt((1 - e^{-2 Gamma t}) / 2))", 1, 2, 1.0, 1.0, 1, 125,
       times=[0.0, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0])
    sp("clean chain, every l = a; saturates at the walls", 1, 50, 1.0, 1.0, 25, 126, uniform=1.0,
       times=[0.0, 0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0])
    sp("alpha = 0.5, subdiffusive, not yet at the walls at t = 1e4", 1, 100, 1.0, 2.0, 50, 127)
    sp("alpha = 2, link 12 (islands 13-14) of length 69 a: the packet fills islands 1..13 only", 1, 20, 1.0, 0.5, 5,
       128, long=[12], times=[0.0, 0.1, 1.0, 10.0, 100.0, 1000.0])
    # ---- 2D spreading
    sp("clean 5 x 5, every l = a, start in the corner", 2, 5, 1.0, 1.0, 1, 129, uniform=1.0)
    sp("alpha = 0.5, start at (r, c) = (3, 7)", 2, 10, 1.0, 2.0, 38, 130)
    return c


def build_input(case, fields):
    p = case["params"]
    inp = {"kind": "resistor-network", "dim": case["dim"], "mode": case["mode"], "N": case["N"], "a": case["a"],
           "xi": case["xi"]}
    if case["mode"] == "thermal":
        inp.update({"epsilon": case["epsilon"], "kappa0": p["kappa0"], "Gamma0": p["Gamma0"], "T0": p["T0"],
                    "theta": p["theta"]})
    elif case["mode"] == "charge":
        inp.update({"epsilon": case["epsilon"], "sigma0": p["sigma0"], "Gamma0": p["Gamma0"], "V": p["V"]})
    else:
        inp.update({"Gamma0": p["Gamma0"], "times": p["times"], "x0": p["x0"]})
    for k in ("lengths", "lengthsH", "lengthsV", "g1", "g2"):
        if k in fields:
            inp[k] = fields[k]
    return inp


# ----------------------------------------------------------------------------- texts

METRIC = {
    "thermal": ("temperature |x - r| <= tol * max(|r|, s_T), s_T = max_i |reference temperature_i|; meanT |x - r| <= "
                "tol * max(|r|, s_T); deltaT_over_T |x - r| <= tol * (1 + |r|) * s_T / |reference meanT| (the bound a "
                "profile accurate to tol * s_T implies for the relative population standard deviation; needed where the "
                "profile is nearly flat and deltaT_over_T is not resolved relatively by a double-precision profile)"),
    "charge": "current |x - r| <= tol * |r|",
    "spreading": "sigmaE |x - r| <= tol * max(|r|, max_t |r(t)|) (r(0) = 0 exactly)",
}


def tolerance_reason(case, peer, ch):
    mode = case["mode"]
    base = f"relative-to-scale, tol = 1e-10: {METRIC[mode]}. "
    if mode == "thermal":
        agree = (f"SciPy {'solve_banded' if case['dim'] == 1 else 'spsolve'} and mpmath band elimination at dps 40 agree to "
                 f"{sci(ch['scipyVsMpmathTemperature'])}, dense numpy.linalg.solve to {sci(ch['denseVsMpmathTemperature'])}")
        if case["dim"] == 1:
            agree += f", the cancellation-free elimination to {sci(ch['cancellationFreeEliminationVsMpmathTemperature'])}"
        cond = (f"; conductances span Gamma_max/Gamma_min = {sci(ch['gammaMaxOverGammaMin'])}, Gamma_max/(eps min g1) = "
                f"{sci(ch['gammaMaxOverEpsMinG1'])}, 2-norm condition number {sci(ch['conditionNumber2'])}")
        if peer == "scipy":
            why = (f"Why 1e-10 is safe: {agree}{cond}; the energy balance holds to {sci(abs(ch['energyBalanceMpmath']))} "
                   f"(mpmath) and {sci(abs(ch['energyBalanceReference']))} (stored profile); meanT and deltaT_over_T are "
                   f"evaluated in mpmath from the mpmath profile.")
        else:
            why = (f"Why 1e-10 is safe for the reference: {agree}{cond}. Plain LU in double rounds eps g1_i away against the "
                   f"O(Gamma) diagonal and loses ~log10(Gamma_max/(eps g1)) digits, so the reference is the mpmath profile "
                   f"at dps {ch['mpmathConfirmDps']}, which agrees with dps {ch['mpmathDps']} to "
                   f"{sci(ch['mpmathPrecisionAgreementTemperature'])}. A double-precision solver reaches 1e-10 here with the "
                   f"cancellation-free (GTH-type) elimination: carry the pivot as p_i = Gamma_i + s_i with the excess "
                   f"s_i = eps g1_i + Gamma_(i-1) s_(i-1) / (Gamma_(i-1) + s_(i-1)) (no subtraction anywhere).")
        return base + why
    if mode == "charge":
        if case["dim"] == 1:
            agree = (f"the SciPy solve_banded Kirchhoff current (on the link of largest drop) agrees with the mpmath series "
                     f"formula V / sum_k 1/Gamma~_k (dps 40) to {sci(ch['scipyKirchhoffVsMpmathSeries'])}, the double series "
                     f"formula to {sci(ch['seriesDoubleVsMpmathSeries'])}, the dense solve to "
                     f"{sci(ch['denseKirchhoffVsMpmathSeries'])}, the mpmath Kirchhoff solve to "
                     f"{sci(ch['mpmathKirchhoffVsMpmathSeries'])}")
        else:
            agree = (f"SciPy spsolve and mpmath band elimination at dps 40 agree to {sci(ch['scipyVsMpmathCurrent'])} in "
                     f"the current, the dense solve to {sci(ch['denseVsMpmathCurrent'])}; the current into the right "
                     f"column equals the current out of the left one to {sci(ch['scipyLeftVsRightColumnCurrent'])} (SciPy)")
        cond = (f"conductances span Gamma~_max/Gamma~_min = {sci(ch['gammaMaxOverGammaMin'])}, 2-norm condition number "
                f"{sci(ch['conditionNumber2'])}")
        if case["dim"] == 1:
            cond += "; the series formula is a sum of positive terms, relatively accurate however the conductances spread"
        if peer == "scipy":
            why = f"Why 1e-10 is safe: {agree}; {cond}."
        else:
            why = (f"Why 1e-10 is safe for the reference: {agree}; {cond}. A Kirchhoff solve in double rounds the weak "
                   f"conductances against the strong ones on the diagonal (Gamma~_k + Gamma~_(k+1)) and loses up to "
                   f"~log10(Gamma~_max/Gamma~_min) digits of the current, so the reference is the mpmath series formula at dps "
                   f"{ch['mpmathConfirmDps']}, which agrees with dps 40 to {sci(ch['mpmathPrecisionAgreementCurrent'])}; a "
                   f"double-precision solver reaches 1e-10 with the series formula.")
        return base + why
    why = (f"Why 1e-10 is safe: SciPy expm(-t K) and mpmath eigsy at dps 40 agree to {sci(ch['expmVsMpmathSigmaE'])}, NumPy "
           f"eigh to {sci(ch['eighVsMpmathSigmaE'])}; ||K||_inf t_max = {sci(ch['normKTimesTmax'])} (double-precision "
           f"propagators lose ~1e-16 ||K|| t of mass), mass conserved to {sci(ch['expmMaxMassError'])}; slowest rate "
           f"lambda_1 = {sci(ch['lambda1'])}, lambda_1 t_max = {sci(ch['lambda1TimesTmax'])}, sigmaE(t_max)/sigma_inf = "
           f"{ch['sigmaEAtTmaxOverSigmaInfinity']:.6f} (over the {ch['islandsReachable']} islands reachable through links "
           f"> 1e-20 Gamma_max: {ch['sigmaEAtTmaxOverSigmaInfinityReachable']:.6f}). At t = 0 the reference is exactly 0: a spectral solver must "
           f"take e(0) = delta exactly (U U^T e0 leaves ~1e-16 per island, which the square root turns into ~1e-8 sigma_max).")
    if peer == "mpmath":
        why += (f" Reference: the mpmath value at dps {ch['mpmathConfirmDps']} (agreeing with dps {ch['mpmathDps']} to "
                f"{sci(ch['mpmathPrecisionAgreementSigmaE'])}), since the double roads' ~1e-16 ||K|| t loss exceeds 1e-12 "
                f"at t_max; they still agree with it well inside 1e-10.")
    return base + why


def scipy_dev(case, ch):
    """The SciPy-vs-mpmath deviation of a case (the quantity the reference rule looks at)."""
    if case["mode"] == "thermal":
        return ch["scipyVsMpmathTemperature"]
    if case["mode"] == "spreading":
        return ch["expmVsMpmathSigmaE"]
    return ch["scipyKirchhoffVsMpmathSeries"] if case["dim"] == 1 else ch["scipyVsMpmathCurrent"]


def scipy_road(case):
    if case["mode"] == "spreading":
        return "scipy.linalg.expm(-t K) @ e0 (dense)"
    return "scipy.linalg.solve_banded (direct)" if case["dim"] == 1 else "scipy.sparse.linalg.spsolve (direct, SuperLU)"


def mp_road(case):
    if case["mode"] == "spreading":
        return "eigsy + spectral sum"
    return "series formula V / sum_k 1/Gamma~_k" if (case["mode"] == "charge" and case["dim"] == 1) else "band elimination"


def peer_string(case, peer, ch):
    mode, d = case["mode"], case["dim"]
    if peer == "scipy":
        if mode == "spreading":
            second = f"NumPy {np.__version__} linalg.eigh and mpmath {mpmath.__version__} eigsy"
        else:
            second = f"dense numpy.linalg.solve and mpmath {mpmath.__version__} {mp_road(case)}"
            if mode == "charge" and d == 1:
                second = (f"dense numpy.linalg.solve, the series formula in double and mpmath {mpmath.__version__} "
                          f"{mp_road(case)}")
        return f"SciPy {scipy.__version__} {scipy_road(case)}; verified against {second} at dps {DPS}"
    return (f"mpmath {mpmath.__version__} {mp_road(case)} at dps {DPS_CONFIRM}, confirmed at dps {DPS}; SciPy "
            f"{scipy.__version__} {scipy_road(case)} deviates by {sci(scipy_dev(case, ch))} (not used)")


def describe(case, peer, inp, ch):
    mode, d, N = case["mode"], case["dim"], case["N"]
    a, xi = case["a"], case["xi"]
    s = f"{d}D {mode}, N = {N}{' x ' + str(N) if d == 2 else ''}, a = {a}, xi = {xi} (alpha = {a / xi:.3g})"
    if mode == "thermal":
        s += (f", epsilon = {inp['epsilon']}, kappa0 = {inp['kappa0']}, Gamma0 = {inp['Gamma0']}, T0 = {inp['T0']}, "
              f"theta = {inp['theta']}")
    elif mode == "charge":
        s += f", epsilon = {inp['epsilon']}, sigma0 = {inp['sigma0']}, Gamma0 = {inp['Gamma0']}, V = {inp['V']}"
    else:
        s += f", Gamma0 = {inp['Gamma0']}, x0 = {inp['x0']}, t up to {max(inp['times']):g}"
    s += f"; {case['desc']}"
    road = {"thermal": "solve_banded" if d == 1 else "spsolve", "charge": "solve_banded" if d == 1 else "spsolve",
            "spreading": "expm"}[mode]
    if peer == "scipy":
        s += f"; reference: SciPy {road} (verified by mpmath dps {DPS})"
    else:
        s += (f"; reference: mpmath {mp_road(case)} at dps {DPS_CONFIRM} (SciPy {road} is off by "
              f"{sci(scipy_dev(case, ch))} relative to scale)")
    return s


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
        fields, lrule, grule = realize(case)
        inp = build_input(case, fields)
        # compute from exactly what is stored
        inp = json.loads(json.dumps(inp))
        fields = {k: inp[k] for k in ("lengths", "lengthsH", "lengthsV", "g1", "g2") if k in inp}
        if case["mode"] == "thermal":
            peer, ref, checks = solve_thermal(case, fields, inp)
        elif case["mode"] == "charge":
            peer, ref, checks = (solve_charge_1d if case["dim"] == 1 else solve_charge_2d)(case, fields, inp)
        else:
            peer, ref, checks = spreading(case, fields, inp)
        prov = {
            "generator": GENERATOR,
            "peer": peer_string(case, peer, checks),
            "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                         "mpmath": mpmath.__version__},
            "date": DATE,
            "command": COMMAND,
            "lengths": lrule,
        }
        if grule:
            prov["g"] = grule
        out = {
            "id": f"hydro-{i:02d}",
            "description": describe(case, peer, inp, checks),
            "input": inp,
            "reference": ref,
            "tolerance": TOL,
            "toleranceMetric": "relative-to-scale",
            "toleranceReason": tolerance_reason(case, peer, checks),
            "checks": checks,
            "provenance": prov,
        }
        text = json.dumps(out, indent=1) + "\n"
        assert len(text) <= MAX_BYTES, (i, len(text))
        with open(os.path.join(OUT, f"hydro-{i:02d}.json"), "w") as fh:
            fh.write(text)
        key = {"thermal": "scipyVsMpmathTemperature", "spreading": "expmVsMpmathSigmaE"}.get(
            case["mode"], "scipyKirchhoffVsMpmathSeries" if case["dim"] == 1 else "scipyVsMpmathCurrent")
        print(f"hydro-{i:02d}  {case['dim']}D {case['mode']:9s} N={case['N']:4d}  ref={peer:6s}  scipy-vs-mp {checks[key]:.1e}  "
              f"{len(text) / 1000:.0f} kB  {time.time() - t0:.1f} s", flush=True)
    print(f"total {time.time() - t_all:.1f} s")


if __name__ == "__main__":
    main()
