#!/usr/bin/python3
"""Golden data for `lindblad-ness` (MODELS/CONVENTIONS §1, §1a-§1d, §3): NESS of open chains by ED.

Peer: QuTiP 4.7 (Debian python3-qutip) -- ``qutip.steadystate(H, c_ops)`` with its default
direct sparse LU (SuperLU, COLAMD; Tr rho = 1 imposed by a weighted row). Run with Debian's
interpreter from the repository root:

    /usr/bin/python3 golden/generators/lindblad_qutip.py

It rewrites every golden/lindblad/lindblad-NN.json. Deterministic: all parameters are fixed
below; the few "random" fields / anisotropies / zetas are drawn from numpy default_rng with
fixed seeds and written into each input explicitly (rounded to 4 decimals, so the JSON numbers
are the exact inputs).

Conventions (CONVENTIONS §0): basis index 0 = |up> (sigma^z = +1), site 1 is the most
significant Kronecker factor (QuTiP ``tensor`` order); sigma^+ = |up><down| = [[0,1],[0,0]]
(= QuTiP 4.7 ``sigmap()``, asserted); s = sigma/2, s^+- = sigma^+-.
Lindblad form d rho/dt = -i[H, rho] + sum_k (L rho L^dag - {L^dag L, rho}/2).

Models and observables (the ``build_model`` docstring lists the operators):
- xxz (§1): H = sum_b J[sx sx + sy sy + D_b sz sz] + sum_i h_i sz_i; bond energy e_b with the
  site fields split per §0 (ends weight 1, interior sites 1/2 to each bond);
  j^S_b = J(sx_b sy_{b+1} - sy_b sx_{b+1}); j^E_i = i[e_{i-1}, e_i], i = 2..L-1.
- target bath (§1a) on (a, a+1): rho_k = exp(-beta (h2 - mu (sz_a + sz_{a+1})))/Z,
  h2 = J[sx sx + sy sy + D_a sz sz] (no fields), 16 operators sqrt(G p_i)|phi_i><e_j|; the script
  asserts on L = 4 (baths on (1,2), (2,3), (3,4)) that they give G(rho_k (x) Tr_{a,a+1} rho - rho)
  on a random rho, both from the operators directly and through QuTiP's ``liouvillian``.
- source/sink (§1b): sqrt(g+) sigma^+_s, sqrt(g-) sigma^-_s; dephasing (§1c): sqrt(g_d) sigma^z_i.
- fermion-chain (§1d): H_F = sum_x J(s+_x s-_{x+1} + h.c.) + V n_x n_{x+1} + 2 sum_x h_x n_x
  (sigma^+- here), n = (1 + sigma^z)/2; magnetization = <n> - 1/2, density <n>,
  particleCurrent = spinCurrent = i J <s+_x s-_{x+1} - s-_x s+_{x+1}>, bond energies with the
  field terms 2 h_i n_i split per §0. Asserted: j = g+_1 - (g+_1 + g-_1) n_1 (1e-9).
- heisenberg-xz (§3): H = sum_b s_b.s_{b+1} + h sum_i (zz_i sz_i + zx_i sx_i); bulk-nonthermal
  bath: sqrt(eps) x { s+_i (1 - 2 sz_{i+1}), s-_i (1 + 2 sz_{i+1}), (1 - 2 sz_i) s+_{i+1},
  (1 + 2 sz_i) s-_{i+1} } / (2 sqrt 2) for i = 1..L-1 and sqrt(eps) sz_i for i = 1..L.
  spinCurrent = sx sy - sy sx (J = 1; not a continuity current here). localBeta: the global
  minimiser over real beta of f(beta) = Tr[(rho^(b) - exp(-beta e_b)/Z)^2] with e_b the 4x4
  bond energy (fields z and x split per §0): grid over [-50, 50] (20001 points) plus [-1, 1]
  (20001 points), bounded Brent refinement (scipy minimize_scalar) around the 6 best grid
  minima, then a polish of the root of the analytic f'(beta) by brentq; the minimiser must be
  interior (|beta| < 49.9).

Checks per case (stored in ``checks``; the script aborts if one fails): ||L rho||_2 of QuTiP's
``liouvillian(H, c_ops)`` applied to vec(rho) (column stacking) <= 1e-10, |Tr rho - 1| <= 1e-12,
||rho - rho^dag||_max <= 1e-12, min eig(rho) >= -1e-10, spectral gap of L (uniqueness of the
NESS: the two eigenvalues of L nearest to 0 by shift-invert ARPACK; the second must be
>= 1e-6 in modulus), max |Im <O>| of the Hermitian observables <= 1e-12, operator identities
i[H, sz_i] = j_{i-1} - j_i (not for heisenberg-xz) and i[H, e_b] = j^E_b - j^E_{b+1}
(exact up to rounding), and the spread of the spin (energy) current over the bonds (sites)
where continuity forces it to be uniform. Those bonds are found, not assumed: a site i links
bonds i-1 and i when the adjoint dissipator annihilates sz_i (D^dag(sz_i) = 0, computed); a bond
b links the energy currents j^E_b and j^E_{b+1} when D^dag(e_b) = 0.
"""
import datetime
import json
import os
import platform
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.optimize import brentq, minimize_scalar

import qutip
from qutip import Qobj

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "lindblad")

# ---------------------------------------------------------------- local operators (§0)
I2 = np.eye(2, dtype=complex)
SX = np.array([[0, 1], [1, 0]], dtype=complex)
SY = np.array([[0, -1j], [1j, 0]], dtype=complex)
SZ = np.array([[1, 0], [0, -1]], dtype=complex)
SP = np.array([[0, 1], [0, 0]], dtype=complex)  # sigma^+ = |up><down|, index 0 = up
SM = SP.conj().T
NUP = (I2 + SZ) / 2

assert np.allclose(SP, (SX + 1j * SY) / 2) and np.allclose(SM, (SX - 1j * SY) / 2)
assert np.array_equal(qutip.sigmap().full(), SP), "QuTiP sigmap() is not |up><down| in our order"
assert np.array_equal(qutip.sigmaz().full(), SZ) and np.array_equal(qutip.basis(2, 0).full().ravel(), [1, 0])
assert np.array_equal(qutip.tensor(Qobj(SP), Qobj(SZ)).full(), np.kron(SP, SZ)), "tensor order"


def embed(L, site_ops):
    """Sparse operator of a product of single-site 2x2 matrices; site_ops: {site (1-based): matrix}."""
    out = sp.identity(1, dtype=complex, format="csr")
    for i in range(1, L + 1):
        m = site_ops.get(i)
        out = sp.kron(out, sp.csr_matrix(m) if m is not None else sp.identity(2, dtype=complex), format="csr")
    out.eliminate_zeros()
    return out


def embed2(L, a, A4):
    """A 4x4 operator on sites (a, a+1) (site a the more significant factor), as a sparse matrix."""
    left = sp.identity(2 ** (a - 1), dtype=complex, format="csr")
    right = sp.identity(2 ** (L - a - 1), dtype=complex, format="csr")
    out = sp.kron(sp.kron(left, sp.csr_matrix(A4)), right, format="csr")
    out.eliminate_zeros()
    return out


def comm(A, B):
    return A @ B - B @ A


def qobj(M, L):
    return Qobj(sp.csr_matrix(M), dims=[[2] * L, [2] * L])


def site_weights(L):
    """w[b][0], w[b][1]: weight of site b's and site b+1's field term in e_b (§0)."""
    return [(1.0 if b == 1 else 0.5, 1.0 if b + 1 == L else 0.5) for b in range(1, L)]


def as_list(x, n, name):
    if isinstance(x, (int, float)):
        return [float(x)] * n
    x = [float(v) for v in x]
    if len(x) != n:
        raise ValueError(f"{name}: expected {n} numbers, got {len(x)}")
    return x


# ---------------------------------------------------------------- the model
class Model:
    """Operators of one lindblad-ness problem (all scipy.sparse CSR, dimension 2^L).

    H, c_ops (list), sz (L), e (bond energies, L-1), jS (spin current, L-1), jE (energy current
    across sites 2..L-1, L-2), and for fermion-chain n (L) and jP (= jS); for heisenberg-xz
    e4 (the L-1 bond energies as 4x4 matrices on their two sites)."""


def build_model(problem):
    """Build a Model from a `lindblad-ness` problem (CONTRACT.md format)."""
    ham = problem["hamiltonian"]
    kind = ham["type"]
    L = int(ham["L"])
    if L < 2:
        raise ValueError("L must be >= 2")
    m = Model()
    m.kind, m.L = kind, L
    m.sz = [embed(L, {i: SZ / 2}) for i in range(1, L + 1)]
    w = site_weights(L)
    e, jS = [], []
    if kind == "xxz":
        J = float(ham.get("J", 1.0))
        delta = as_list(ham.get("delta", 1.0), L - 1, "delta")
        fields = as_list(ham.get("fields", [0.0] * L), L, "fields")
        m.J, m.delta, m.fields = J, delta, fields
        for b in range(1, L):
            t = J * (embed(L, {b: SX / 2, b + 1: SX / 2}) + embed(L, {b: SY / 2, b + 1: SY / 2})
                     + delta[b - 1] * embed(L, {b: SZ / 2, b + 1: SZ / 2}))
            t = t + w[b - 1][0] * fields[b - 1] * m.sz[b - 1] + w[b - 1][1] * fields[b] * m.sz[b]
            e.append(t)
            jS.append(J * (embed(L, {b: SX / 2, b + 1: SY / 2}) - embed(L, {b: SY / 2, b + 1: SX / 2})))
    elif kind == "fermion-chain":
        J = float(ham.get("J", 1.0))
        V = float(ham.get("V", 0.0))
        fields = as_list(ham.get("fields", [0.0] * L), L, "fields")
        m.J, m.V, m.fields = J, V, fields
        m.n = [embed(L, {i: NUP}) for i in range(1, L + 1)]
        for b in range(1, L):
            t = J * (embed(L, {b: SP, b + 1: SM}) + embed(L, {b: SM, b + 1: SP})) + V * embed(L, {b: NUP, b + 1: NUP})
            t = t + 2 * w[b - 1][0] * fields[b - 1] * m.n[b - 1] + 2 * w[b - 1][1] * fields[b] * m.n[b]
            e.append(t)
            jS.append(1j * J * (embed(L, {b: SP, b + 1: SM}) - embed(L, {b: SM, b + 1: SP})))
        m.jP = jS
    elif kind == "heisenberg-xz":
        h = float(ham["h"])
        zz = as_list(ham["zetaZ"], L, "zetaZ")
        zx = as_list(ham["zetaX"], L, "zetaX")
        m.h, m.zetaZ, m.zetaX = h, zz, zx
        m.e4 = []
        heis4 = (np.kron(SX, SX) + np.kron(SY, SY) + np.kron(SZ, SZ)) / 4
        for b in range(1, L):
            wa, wb = w[b - 1]
            fa = h * (zz[b - 1] * SZ + zx[b - 1] * SX) / 2
            fb = h * (zz[b] * SZ + zx[b] * SX) / 2
            E4 = heis4 + wa * np.kron(fa, I2) + wb * np.kron(I2, fb)
            m.e4.append(E4)
            e.append(embed2(L, b, E4))
            jS.append(embed(L, {b: SX / 2, b + 1: SY / 2}) - embed(L, {b: SY / 2, b + 1: SX / 2}))
    else:
        raise ValueError(f"unknown hamiltonian type {kind!r}")
    m.e, m.jS = e, jS
    m.H = sum(e[1:], e[0]).tocsr()
    m.jE = [(1j * comm(e[i - 2], e[i - 1])).tocsr() for i in range(2, L)]

    c_ops = []
    m.bath_info = []
    for k, bath in enumerate(problem.get("baths", [])):
        t = bath["type"]
        if t == "target":
            if kind != "xxz":
                raise ValueError("target baths need an xxz Hamiltonian (h2 uses its J and Delta)")
            a, a1 = [int(s) for s in bath["sites"]]
            if a1 != a + 1 or a < 1 or a1 > L:
                raise ValueError(f"baths[{k}].sites must be [a, a+1] inside the chain")
            beta, mu, G = float(bath["beta"]), float(bath.get("mu", 0.0)), float(bath.get("rate", 1.0))
            p, phi = target_eigenpairs(m.J, m.delta[a - 1], beta, mu)
            for i in range(4):
                for j in range(4):
                    ej = np.zeros(4)
                    ej[j] = 1
                    c_ops.append(embed2(L, a, np.sqrt(G * p[i]) * np.outer(phi[:, i], ej)))
            m.bath_info.append(dict(type=t, sites=[a, a1], rho=(phi * p) @ phi.conj().T, rate=G))
        elif t == "source-sink":
            s = int(bath["site"])
            if not 1 <= s <= L:
                raise ValueError(f"baths[{k}].site outside the chain")
            gp, gm = float(bath["gammaPlus"]), float(bath["gammaMinus"])
            if gp > 0:
                c_ops.append(np.sqrt(gp) * embed(L, {s: SP}))
            if gm > 0:
                c_ops.append(np.sqrt(gm) * embed(L, {s: SM}))
            m.bath_info.append(dict(type=t, site=s, gammaPlus=gp, gammaMinus=gm))
        elif t == "dephasing":
            g = float(bath["rate"])
            sites = [int(s) for s in bath.get("sites", range(1, L + 1))]
            if g > 0:
                for s in sites:
                    c_ops.append(np.sqrt(g) * embed(L, {s: SZ}))
            m.bath_info.append(dict(type=t, sites=sites, rate=g))
        elif t == "bulk-nonthermal":
            eps = float(bath["epsilon"])
            c = np.sqrt(eps) / (2 * np.sqrt(2))
            for i in range(1, L):
                c_ops.append(c * embed(L, {i: SP, i + 1: I2 - SZ}))  # s+_i (1 - 2 sz_{i+1})
                c_ops.append(c * embed(L, {i: SM, i + 1: I2 + SZ}))  # s-_i (1 + 2 sz_{i+1})
                c_ops.append(c * embed(L, {i: I2 - SZ, i + 1: SP}))  # (1 - 2 sz_i) s+_{i+1}
                c_ops.append(c * embed(L, {i: I2 + SZ, i + 1: SM}))  # (1 + 2 sz_i) s-_{i+1}
            for i in range(1, L + 1):
                c_ops.append(np.sqrt(eps) * embed(L, {i: SZ / 2}))
            m.bath_info.append(dict(type=t, epsilon=eps))
        else:
            raise ValueError(f"unknown bath type {t!r}")
    m.c_ops = [c.tocsr() for c in c_ops]
    return m


def target_eigenpairs(J, delta, beta, mu):
    """Eigenpairs (p_i, phi_i) of rho_k = exp(-beta (h2 - mu (sz_a + sz_{a+1})))/Z (§1a)."""
    h2 = J * (np.kron(SX, SX) + np.kron(SY, SY) + delta * np.kron(SZ, SZ)) / 4
    K = h2 - mu * (np.kron(SZ, I2) + np.kron(I2, SZ)) / 2
    E, V = np.linalg.eigh(K)
    x = -beta * E
    x = x - x.max()
    p = np.exp(x)
    return p / p.sum(), V


def qutip_problem(m):
    """(H, c_ops) as QuTiP objects with tensor dims."""
    return qobj(m.H, m.L), [qobj(c, m.L) for c in m.c_ops]


def expect(rho, O):
    """Tr(rho O) for a dense rho and a sparse O."""
    return complex(O.multiply(rho.T).sum())


def observables(m, rho):
    """Result fields of the contract from a dense NESS rho; also returns max |Im| seen."""
    imag = [0.0]

    def ex(O):
        v = expect(rho, O)
        imag[0] = max(imag[0], abs(v.imag))
        return float(v.real)

    ref = {}
    if m.kind == "fermion-chain":
        dens = [ex(n) for n in m.n]
        ref["magnetization"] = [d - 0.5 for d in dens]
    else:
        ref["magnetization"] = [ex(s) for s in m.sz]
    ref["bondEnergy"] = [ex(x) for x in m.e]
    ref["spinCurrent"] = [ex(x) for x in m.jS]
    ref["energyCurrent"] = [ex(x) for x in m.jE]
    if m.kind == "fermion-chain":
        ref["density"] = dens
        ref["particleCurrent"] = list(ref["spinCurrent"])
    return ref, imag[0]


def adjoint_dissipator(c_ops, O):
    out = sp.csr_matrix(O.shape, dtype=complex)
    for c in c_ops:
        cd = c.conj().T
        cdc = cd @ c
        out = out + cd @ O @ c - 0.5 * (cdc @ O + O @ cdc)
    return out


def spnorm(A):
    A = sp.csr_matrix(A)
    return float(np.max(np.abs(A.data))) if A.nnz else 0.0


# ---------------------------------------------------------------- local beta (§3)
def reduced_two_site(rho, L, b):
    """Reduced density matrix on sites (b, b+1), site b the more significant factor."""
    t = rho.reshape([2] * (2 * L))
    keep = [b - 1, b]
    # trace the other sites: move kept row/col axes to the front, then trace pairs
    others = [i for i in range(L) if i not in keep]
    perm = keep + others + [L + i for i in keep] + [L + i for i in others]
    t = t.transpose(perm)
    r = 2 ** (L - 2)
    t = t.reshape(4, r, 4, r)
    return np.einsum("aibi->ab", t)


def local_beta(rho2, E4):
    """Global minimiser over real beta of f(beta) = Tr[(rho2 - exp(-beta E4)/Z)^2]; returns a dict."""
    E, V = np.linalg.eigh(E4)
    rt = V.conj().T @ rho2 @ V
    r = np.real(np.diag(rt))
    off = float(np.sum(np.abs(rt) ** 2) - np.sum(np.abs(np.diag(rt)) ** 2))

    def q(beta):
        beta = np.atleast_1d(np.asarray(beta, dtype=float))
        x = -beta[:, None] * E[None, :]
        x = x - x.max(axis=1, keepdims=True)
        wgt = np.exp(x)
        return wgt / wgt.sum(axis=1, keepdims=True)

    def f(beta):
        return off + np.sum((r[None, :] - q(beta)) ** 2, axis=1)

    def fp(beta):
        qq = q(beta)
        mean = qq @ E
        dq = -qq * (E[None, :] - mean[:, None])
        return 2 * np.sum((qq - r[None, :]) * dq, axis=1)

    coarse = np.linspace(-50, 50, 20001)
    grid = np.concatenate([coarse[coarse < -1], np.linspace(-1, 1, 20001), coarse[coarse > 1]])  # no near-duplicates
    fg = f(grid)
    idx = [i for i in range(1, len(grid) - 1) if fg[i] < fg[i - 1] and fg[i] <= fg[i + 1]]
    if fg[0] < fg[1]:
        idx.append(0)
    if fg[-1] < fg[-2]:
        idx.append(len(grid) - 1)
    idx = sorted(idx, key=lambda i: fg[i])[:6]
    cands = []
    for i in idx:
        lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
        res = minimize_scalar(lambda x: float(f(x)[0]), bounds=(lo, hi), method="bounded", options={"xatol": 1e-12})
        x = float(res.x)
        a, c = float(fp(lo)[0]), float(fp(hi)[0])
        if a < 0 < c:
            x = brentq(lambda y: float(fp(y)[0]), lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=200)
        cands.append((float(f(x)[0]), x))
    cands.sort()
    fmin, beta = cands[0]
    assert abs(beta) < 49.9, f"local beta minimiser at the edge of the search range: {beta}"
    others = [c for c in cands[1:] if abs(c[1] - beta) > 1e-6]
    hstep = 1e-4 * max(1.0, abs(beta))
    curv = float((fp(beta + hstep)[0] - fp(beta - hstep)[0]) / (2 * hstep))
    assert curv > 0, "local beta: not a minimum"
    return dict(beta=beta, fMin=fmin, fpAtMin=float(fp(beta)[0]), curvature=curv,
                secondLocalMin=(others[0][0] if others else None),
                secondLocalMinBeta=(others[0][1] if others else None))


# ---------------------------------------------------------------- solve and check
def spectral_gap(Lsup):
    """|lambda_2|: the two eigenvalues of the sparse Liouvillian nearest to 0 (shift-invert)."""
    from scipy.sparse.linalg import eigs

    vals = eigs(Lsup.tocsc(), k=3, sigma=1e-3, return_eigenvectors=False, tol=1e-12, maxiter=10000)
    vals = sorted(vals, key=abs)
    return float(abs(vals[0])), float(abs(vals[1])), [complex(v) for v in vals]


def uniform_runs(links, n):
    """Maximal runs of consecutive indices 0..n-1 joined by links[i] (i joins i and i+1)."""
    runs, cur = [], [0]
    for i in range(n - 1):
        if links[i]:
            cur.append(i + 1)
        else:
            runs.append(cur)
            cur = [i + 1]
    runs.append(cur)
    return [r for r in runs if len(r) >= 2]


def solve_case(problem):
    m = build_model(problem)
    L = m.L
    Hq, cq = qutip_problem(m)
    rq = qutip.steadystate(Hq, cq)
    rho = rq.full()
    Lsup = qutip.liouvillian(Hq, cq).data
    vec = rho.reshape(-1, order="F")  # column stacking, as QuTiP's operator_to_vector
    resid = float(np.linalg.norm(Lsup @ vec))
    lnorm = float(sp.linalg.norm(Lsup))
    tr = complex(np.trace(rho))
    herm = float(np.max(np.abs(rho - rho.conj().T)))
    ev = np.linalg.eigvalsh(0.5 * (rho + rho.conj().T))
    lam0, gap, near = spectral_gap(Lsup)
    ref, imag = observables(m, rho)
    checks = {
        "steadystateResidual": resid,
        "steadystateResidualRelative": resid / (lnorm * np.linalg.norm(vec)),
        "liouvillianFrobeniusNorm": lnorm,
        "trace": tr.real,
        "traceImag": tr.imag,
        "minEigenvalue": float(ev[0]),
        "maxEigenvalue": float(ev[-1]),
        "hermiticityError": herm,
        "maxImagExpectation": imag,
        "liouvillianSmallestEigenvalueModulus": lam0,
        "spectralGap": gap,
    }
    fail = []
    if not resid <= 1e-10:
        fail.append(f"residual {resid}")
    if not abs(tr - 1) <= 1e-12:
        fail.append(f"trace {tr}")
    if not herm <= 1e-12:
        fail.append(f"hermiticity {herm}")
    if not ev[0] >= -1e-10:
        fail.append(f"min eigenvalue {ev[0]}")
    if not gap >= 1e-6 or not lam0 <= 1e-9:
        fail.append(f"kernel of L not one-dimensional? eigenvalues nearest 0: {near}")
    if not imag <= 1e-12:
        fail.append(f"imaginary expectation {imag}")

    # operator identities (continuity under H)
    Hs = m.H
    if m.kind != "heisenberg-xz":
        err = 0.0
        for i in range(1, L + 1):
            lhs = 1j * comm(Hs, m.sz[i - 1])
            rhs = (m.jS[i - 2] if i > 1 else 0) - (m.jS[i - 1] if i < L else 0)
            err = max(err, spnorm(lhs - rhs))
        checks["spinContinuityOperatorError"] = err
        if not err <= 1e-13:
            fail.append(f"spin continuity operator identity {err}")
    err = 0.0
    for b in range(1, L):
        lhs = 1j * comm(Hs, m.e[b - 1])
        rhs = (m.jE[b - 2] if b >= 2 else 0) - (m.jE[b - 1] if b + 1 <= L - 1 else 0)
        err = max(err, spnorm(lhs - rhs))
    checks["energyContinuityOperatorError"] = err
    if not err <= 1e-12:
        fail.append(f"energy continuity operator identity {err}")
    esum = spnorm(Hs - sum(m.e[1:], m.e[0]))
    if not esum <= 1e-14:
        fail.append(f"sum of bond energies != H: {esum}")

    # where continuity makes currents uniform (found from D^dag, not assumed)
    if m.kind == "heisenberg-xz":
        checks["spinCurrentUniformBonds"] = []
        checks["spinCurrentBondSpread"] = None
        checks["spinCurrentNote"] = "heisenberg-xz: s^z is not conserved by H (x fields) nor by the bulk bath; no uniform bonds"
    else:
        links = [spnorm(adjoint_dissipator(m.c_ops, m.sz[i - 1])) == 0.0 for i in range(2, L)]  # site i joins bonds i-1, i
        runs = uniform_runs(links, L - 1)
        bonds = [[b + 1 for b in r] for r in runs]
        spread = max((max(ref["spinCurrent"][b] for b in r) - min(ref["spinCurrent"][b] for b in r) for r in runs), default=None)
        checks["spinCurrentUniformBonds"] = bonds
        checks["spinCurrentBondSpread"] = spread
        if not bonds:
            checks["spinCurrentNote"] = "no two bonds are joined by a bath-free site (L too short for the baths)"
        scale = max(1e-3, max(abs(x) for x in ref["spinCurrent"]))
        if spread is not None and not spread <= 1e-10 * scale:
            fail.append(f"spin current not uniform on {bonds}: spread {spread}")
    if L >= 4:
        # bond b joins j^E_b and j^E_{b+1} (energyCurrent indices b-2, b-1) when D^dag(e_b) = 0
        links = [spnorm(adjoint_dissipator(m.c_ops, m.e[b - 1])) <= 1e-15 for b in range(2, L - 1)]
        runs = uniform_runs(links, L - 2)
        sites = [[k + 2 for k in r] for r in runs]
        spread = max((max(ref["energyCurrent"][k] for k in r) - min(ref["energyCurrent"][k] for k in r) for r in runs), default=None)
        checks["energyCurrentUniformSites"] = sites
        checks["energyCurrentSiteSpread"] = spread
        scale = max(1e-3, max(abs(x) for x in ref["energyCurrent"]))
        if spread is not None and not spread <= 1e-10 * scale:
            fail.append(f"energy current not uniform on sites {sites}: spread {spread}")

    if m.kind == "fermion-chain":
        b1 = [b for b in m.bath_info if b["type"] == "source-sink" and b["site"] == 1]
        if b1:
            gp, gm = sum(b["gammaPlus"] for b in b1), sum(b["gammaMinus"] for b in b1)
            ident = abs(ref["particleCurrent"][0] - (gp - (gp + gm) * ref["density"][0]))
            checks["currentIdentityError"] = ident
            if not ident <= 1e-9:
                fail.append(f"j = g+ - (g+ + g-) n_1 violated by {ident}")

    if m.kind == "heisenberg-xz":
        betas, lb = [], []
        for b in range(1, L):
            r2 = reduced_two_site(rho, L, b)
            d = local_beta(r2, m.e4[b - 1])
            betas.append(d["beta"])
            lb.append(d)
        ref["localBeta"] = betas
        checks["localBeta"] = lb
    if fail:
        raise SystemExit(f"case failed: {problem}\n  " + "\n  ".join(fail))
    return ref, checks


# ---------------------------------------------------------------- self-checks
def partial_trace_reset(rho, L, a, rho_k):
    """rho_k (x) Tr_{a,a+1} rho, with rho_k on sites (a, a+1) (einsum on the 2L-index tensor)."""
    t = rho.reshape([2] * (2 * L))  # axes: rows of sites 1..L, then columns of sites 1..L
    s1, s2 = a - 1, a
    others = [i for i in range(L) if i not in (s1, s2)]
    idx = list(range(2 * L))
    idx[L + s1], idx[L + s2] = s1, s2  # trace sites a, a+1
    red = np.einsum(t, idx, others + [L + i for i in others])
    rk = rho_k.reshape(2, 2, 2, 2)  # (row a, row a+1, col a, col a+1)
    res = np.einsum(red, others + [L + i for i in others], rk, [s1, s2, L + s1, L + s2], list(range(2 * L)))
    return res.reshape(2 ** L, 2 ** L)


def check_target_bath():
    """On L = 4 and a random rho: the 16 operators reproduce G(rho_k (x) Tr rho - rho) for baths on
    (1,2), (2,3), (3,4), applied directly and through QuTiP's liouvillian (column stacking)."""
    rng = np.random.default_rng(7)
    L = 4
    A = rng.normal(size=(16, 16)) + 1j * rng.normal(size=(16, 16))
    rho = A @ A.conj().T
    rho /= np.trace(rho)
    worst = 0.0
    for a, beta, mu, G, delta in [(1, 0.7, 0.3, 1.3, 0.8), (2, -0.4, -0.2, 0.6, 1.7), (3, 1.9, 0.0, 1.0, -0.5)]:
        prob = {"hamiltonian": {"type": "xxz", "L": L, "J": 0.9, "delta": [delta] * 3, "fields": [0.1, 0.2, 0.3, 0.4]},
                "baths": [{"type": "target", "sites": [a, a + 1], "beta": beta, "mu": mu, "rate": G}]}
        m = build_model(prob)
        assert len(m.c_ops) == 16
        rho_k = m.bath_info[0]["rho"]
        # independent rho_k by scipy expm
        h2 = 0.9 * (np.kron(SX, SX) + np.kron(SY, SY) + delta * np.kron(SZ, SZ)) / 4
        K = h2 - mu * (np.kron(SZ, I2) + np.kron(I2, SZ)) / 2
        ek = scipy.linalg.expm(-beta * K)
        assert np.max(np.abs(rho_k - ek / np.trace(ek))) < 1e-14
        want = G * (partial_trace_reset(rho, L, a, rho_k) - rho)
        got = np.zeros_like(rho)
        for c in m.c_ops:
            c = c.toarray()
            got += c @ rho @ c.conj().T - 0.5 * (c.conj().T @ c @ rho + rho @ c.conj().T @ c)
        worst = max(worst, float(np.max(np.abs(got - want))))
        Lq = qutip.liouvillian(None, [qobj(c, L) for c in m.c_ops]).data
        gq = (Lq @ rho.reshape(-1, order="F")).reshape(16, 16, order="F")
        worst = max(worst, float(np.max(np.abs(gq - want))))
        # the reset map's reduced state on (a, a+1) is exactly rho_k after it acts
        assert abs(np.trace(want)) < 1e-14
    print(f"target-bath check (L = 4, baths on (1,2), (2,3), (3,4)): max |D(rho) - G(rho_k x Tr rho - rho)| = {worst:.2e}")
    if not worst <= 1e-14:
        sys.exit("target bath operators do not reproduce the reset channel")
    return worst


def check_operators():
    """The Hamiltonians built from sparse Kronecker products equal QuTiP tensor constructions."""
    L = 4
    sx = lambda i: qutip.tensor([qutip.sigmax() / 2 if k == i else qutip.qeye(2) for k in range(1, L + 1)])
    sy = lambda i: qutip.tensor([qutip.sigmay() / 2 if k == i else qutip.qeye(2) for k in range(1, L + 1)])
    sz = lambda i: qutip.tensor([qutip.sigmaz() / 2 if k == i else qutip.qeye(2) for k in range(1, L + 1)])
    spl = lambda i: qutip.tensor([qutip.sigmap() if k == i else qutip.qeye(2) for k in range(1, L + 1)])
    f = [0.3, -0.2, 0.5, 0.1]
    d = [0.4, 1.1, -0.6]
    Hq = sum(1.2 * (sx(b) * sx(b + 1) + sy(b) * sy(b + 1) + d[b - 1] * sz(b) * sz(b + 1)) for b in range(1, L)) + sum(f[i - 1] * sz(i) for i in range(1, L + 1))
    m = build_model({"hamiltonian": {"type": "xxz", "L": L, "J": 1.2, "delta": d, "fields": f}, "baths": []})
    worst = float(np.max(np.abs(m.H.toarray() - Hq.full())))
    n = lambda i: (qutip.tensor([qutip.qeye(2)] * L) + 2 * sz(i)) / 2
    Hf = sum(0.7 * (spl(b) * spl(b + 1).dag() + spl(b).dag() * spl(b + 1)) + 1.3 * n(b) * n(b + 1) for b in range(1, L)) + sum(2 * f[i - 1] * n(i) for i in range(1, L + 1))
    m = build_model({"hamiltonian": {"type": "fermion-chain", "L": L, "J": 0.7, "V": 1.3, "fields": f}, "baths": []})
    worst = max(worst, float(np.max(np.abs(m.H.toarray() - Hf.full()))))
    zz, zx = [0.2, -0.7, 0.4, 0.9], [-0.3, 0.5, 0.8, -0.1]
    Hh = sum(sx(b) * sx(b + 1) + sy(b) * sy(b + 1) + sz(b) * sz(b + 1) for b in range(1, L)) + 2.5 * sum(zz[i - 1] * sz(i) + zx[i - 1] * sx(i) for i in range(1, L + 1))
    m = build_model({"hamiltonian": {"type": "heisenberg-xz", "L": L, "h": 2.5, "zetaZ": zz, "zetaX": zx},
                     "baths": [{"type": "bulk-nonthermal", "epsilon": 0.3}]})
    worst = max(worst, float(np.max(np.abs(m.H.toarray() - Hh.full()))))
    # the bulk operators: (1 - 2 s^z) = 2|down><down|; s+ (1 - 2 sz_{i+1}) raises i next to a down spin
    c = m.c_ops[0].toarray() * 2 * np.sqrt(2) / np.sqrt(0.3)
    want = (spl(1) * (qutip.tensor([qutip.qeye(2)] * L) - 2 * sz(2))).full()
    worst = max(worst, float(np.max(np.abs(c - want))))
    # the bath is not unital (non-trivial NESS): sum_k [L_k, L_k^dag] != 0
    s = sum(comm(x, x.conj().T) for x in m.c_ops)
    assert spnorm(s) > 1e-3
    # two-site reduced density matrices agree with QuTiP's ptrace
    rng = np.random.default_rng(3)
    A = rng.normal(size=(16, 16)) + 1j * rng.normal(size=(16, 16))
    rho = A @ A.conj().T
    rho /= np.trace(rho)
    for b in range(1, L):
        r2 = reduced_two_site(rho, L, b)
        rq = qutip.ptrace(Qobj(rho, dims=[[2] * L, [2] * L]), [b - 1, b]).full()
        worst = max(worst, float(np.max(np.abs(r2 - rq))))
    # the 4x4 bond energies embed to the full ones
    for b in range(1, L):
        worst = max(worst, spnorm(embed2(L, b, m.e4[b - 1]) - m.e[b - 1]))
    print(f"operator check against QuTiP tensor constructions: max difference {worst:.2e}")
    if not worst <= 1e-14:
        sys.exit("operator construction check failed")
    return worst


# ---------------------------------------------------------------- cases
def r4(x):
    return [round(float(v), 4) for v in x]


def xxz(L, delta, fields, J=1.0):
    return {"type": "xxz", "L": L, "J": J, "delta": delta, "fields": r4(fields)}


def target(a, beta, mu=0.0, rate=1.0):
    return {"type": "target", "sites": [a, a + 1], "beta": beta, "mu": mu, "rate": rate}


def ss(site, gp, gm):
    return {"type": "source-sink", "site": site, "gammaPlus": gp, "gammaMinus": gm}


def problem(ham, baths):
    return {"kind": "lindblad-ness", "hamiltonian": ham, "baths": baths, "method": "ed"}


def cases():
    rng = np.random.default_rng(20261124)  # draw order fixed: do not reorder the lines below
    U = lambda w, n: rng.uniform(-w, w, n)
    out = []
    # --- xxz, two target baths (left on (1,2), right on (L-1,L))
    out.append(("xxz L=3 target baths, Delta=1, no fields, beta_L=0.5, beta_R=-0.5",
                problem(xxz(3, 1.0, [0, 0, 0]), [target(1, 0.5), target(2, -0.5)])))
    out.append(("xxz L=4 target baths, Delta=0.5, fields W=0.5, beta 0.2/0.4",
                problem(xxz(4, 0.5, U(0.5, 4)), [target(1, 0.2), target(3, 0.4)])))
    out.append(("xxz L=4 target baths, Delta=1.5, beta 1/0.1, mu 0.3/-0.3",
                problem(xxz(4, 1.5, U(1.0, 4)), [target(1, 1.0, 0.3), target(3, 0.1, -0.3)])))
    out.append(("xxz L=5 target baths, junction Delta=[0,0,1,1], fields W=0.5, beta 0.5/0.1",
                problem(xxz(5, [0.0, 0.0, 1.0, 1.0], U(0.5, 5)), [target(1, 0.5), target(4, 0.1)])))
    out.append(("xxz L=5 target baths, Delta=-0.7, beta -0.3/0.3, rates 2/0.5",
                problem(xxz(5, -0.7, U(1.0, 5)), [target(1, -0.3, 0.0, 2.0), target(4, 0.3, 0.0, 0.5)])))
    out.append(("xxz L=5 target baths, J=0.8, Delta=2, equal beta 0.5, mu 0.5/0 (magnetization drive)",
                problem(xxz(5, 2.0, [0, 0, 0, 0, 0], J=0.8), [target(1, 0.5, 0.5), target(4, 0.5, 0.0)])))
    out.append(("xxz L=6 target baths, Delta=1, fields W=0.6, beta 0.2/0.4 (bench point)",
                problem(xxz(6, 1.0, U(0.6, 6)), [target(1, 0.2), target(5, 0.4)])))
    out.append(("xxz L=6 target baths, random per-bond Delta in [0,2], beta 1/-1, mu 0.2/0.2",
                problem(xxz(6, r4(rng.uniform(0, 2, 5)), U(0.8, 6)), [target(1, 1.0, 0.2), target(5, -1.0, 0.2)])))
    out.append(("xxz L=6 target baths, Delta=0 (XX), fields W=1, beta 0.5/0.05",
                problem(xxz(6, 0.0, U(1.0, 6)), [target(1, 0.5), target(5, 0.05)])))
    out.append(("xxz L=7 target baths, Delta=1, fields W=1, beta 0.2/0.4",
                problem(xxz(7, 1.0, U(1.0, 7)), [target(1, 0.2), target(6, 0.4)])))
    out.append(("xxz L=7 target baths, J=1.2, Delta=0.5, beta 0.1/-0.1, mu 0.1/-0.1, rates 1.5/0.7",
                problem(xxz(7, 0.5, U(0.5, 7), J=1.2), [target(1, 0.1, 0.1, 1.5), target(6, -0.1, -0.1, 0.7)])))
    out.append(("xxz L=4 target baths + dephasing 0.1 on all sites, Delta=1, beta 0.3/0.6",
                problem(xxz(4, 1.0, U(0.5, 4)), [target(1, 0.3), target(3, 0.6), {"type": "dephasing", "rate": 0.1}])))
    out.append(("xxz L=5 target baths + dephasing 0.3 on sites 2-4, Delta=0.8, beta 0.5/-0.2, mu 0.2/0",
                problem(xxz(5, 0.8, U(0.5, 5)), [target(1, 0.5, 0.2), target(4, -0.2), {"type": "dephasing", "rate": 0.3, "sites": [2, 3, 4]}])))
    # --- xxz, source/sink at sites 1 and L
    out.append(("xxz L=3 source/sink (1, 0.5, 0.5, 1), Delta=1, no fields",
                problem(xxz(3, 1.0, [0, 0, 0]), [ss(1, 1.0, 0.5), ss(3, 0.5, 1.0)])))
    out.append(("xxz L=4 source/sink (1, 0.2, 0.3, 0.9), Delta=0 (XX), fields W=0.5",
                problem(xxz(4, 0.0, U(0.5, 4)), [ss(1, 1.0, 0.2), ss(4, 0.3, 0.9)])))
    out.append(("xxz L=5 source/sink (1.2, 0.8, 0.8, 1.2) + dephasing 0.2, Delta=0.5",
                problem(xxz(5, 0.5, [0, 0, 0, 0, 0]), [ss(1, 1.2, 0.8), ss(5, 0.8, 1.2), {"type": "dephasing", "rate": 0.2}])))
    out.append(("xxz L=5 source/sink (2, 0.5, 0.5, 2), Delta=1.5, fields W=1",
                problem(xxz(5, 1.5, U(1.0, 5)), [ss(1, 2.0, 0.5), ss(5, 0.5, 2.0)])))
    out.append(("xxz L=6 source/sink (1, 0.6, 0.6, 1) + dephasing 0.5, Delta=1, fields W=0.5",
                problem(xxz(6, 1.0, U(0.5, 6)), [ss(1, 1.0, 0.6), ss(6, 0.6, 1.0), {"type": "dephasing", "rate": 0.5}])))
    out.append(("xxz L=6 source/sink (0.7, 0.3, 0.1, 0.9), per-bond Delta in [-1,1], J=0.9",
                problem(xxz(6, r4(rng.uniform(-1, 1, 5)), U(0.3, 6), J=0.9), [ss(1, 0.7, 0.3), ss(6, 0.1, 0.9)])))
    out.append(("xxz L=7 source/sink (1.2, 0.8, 0.8, 1.2), Delta=1, fields W=0.5",
                problem(xxz(7, 1.0, U(0.5, 7)), [ss(1, 1.2, 0.8), ss(7, 0.8, 1.2)])))
    # --- fermion chain, source/sink at sites 1 and L (rates gamma+_1, gamma-_1, gamma+_L, gamma-_L)
    def fc(L, V, h, rates, J=1.0):
        ham = {"type": "fermion-chain", "L": L, "J": J, "V": V, "fields": r4(U(h, L))}
        return problem(ham, [ss(1, rates[0], rates[1]), ss(L, rates[2], rates[3])])

    out.append(("fermion-chain L=3, V=1, h=1, rates (3,1,2,1)", fc(3, 1.0, 1.0, (3, 1, 2, 1))))
    out.append(("fermion-chain L=4, V=1, h=0.5, rates (3,1,2,1)", fc(4, 1.0, 0.5, (3, 1, 2, 1))))
    out.append(("fermion-chain L=5, V=1, h=2, rates (3,1,2,1)", fc(5, 1.0, 2.0, (3, 1, 2, 1))))
    out.append(("fermion-chain L=5, V=0 (free), h=1, rates (3,1,2,1)", fc(5, 0.0, 1.0, (3, 1, 2, 1))))
    out.append(("fermion-chain L=6, V=2.5, h=1, rates (1,0.5,0.2,1)", fc(6, 2.5, 1.0, (1.0, 0.5, 0.2, 1.0))))
    out.append(("fermion-chain L=6, J=0.8, V=-1, h=0.3, rates (3,1,2,1)", fc(6, -1.0, 0.3, (3, 1, 2, 1), J=0.8)))
    out.append(("fermion-chain L=7, V=1, h=1, rates (3,1,2,1)", fc(7, 1.0, 1.0, (3, 1, 2, 1))))
    # --- heisenberg-xz with the bulk non-thermal bath; zeta uniform in [-1, 1] (fixed seed)
    zrng = np.random.default_rng(4004)

    def hxz(L, eps, h):
        ham = {"type": "heisenberg-xz", "L": L, "h": h, "zetaZ": r4(zrng.uniform(-1, 1, L)), "zetaX": r4(zrng.uniform(-1, 1, L))}
        return problem(ham, [{"type": "bulk-nonthermal", "epsilon": eps}])

    out.append(("heisenberg-xz L=3, epsilon=0.1, h=1", hxz(3, 0.1, 1.0)))
    out.append(("heisenberg-xz L=3, epsilon=0.01, h=4", hxz(3, 0.01, 4.0)))
    out.append(("heisenberg-xz L=4, epsilon=1, h=4", hxz(4, 1.0, 4.0)))
    out.append(("heisenberg-xz L=4, epsilon=0.01, h=1", hxz(4, 0.01, 1.0)))
    out.append(("heisenberg-xz L=5, epsilon=0.1, h=4", hxz(5, 0.1, 4.0)))
    out.append(("heisenberg-xz L=5, epsilon=1, h=1", hxz(5, 1.0, 1.0)))
    out.append(("heisenberg-xz L=6, epsilon=0.01, h=4", hxz(6, 0.01, 4.0)))
    out.append(("heisenberg-xz L=6, epsilon=0.1, h=1", hxz(6, 0.1, 1.0)))
    return out


TOLERANCE_REASON = (
    "|x - r| <= 1e-8 * max(|r|, s), where s = max(largest |value| of the same quantity's array in this case, 1e-3) "
    "(magnetization, bondEnergy, spinCurrent, energyCurrent, density, particleCurrent, localBeta each separately). "
    "Reason: a quantity's array is computed from one rho whose error is absolute (backward-stable sparse LU, "
    "||L rho|| ~ 1e-15), so an entry near zero (a current through a nearly symmetric point, a magnetization near 0) "
    "carries the absolute error of the largest entries, not a relative one; the floor 1e-3 keeps cases whose whole "
    "array is tiny (currents at weak drive) from demanding more than ~1e-11 absolutely. The NESS is unique with "
    "spectral gaps >= ~1e-3 (stored in checks), so two correct direct solvers agree to ~1e-11 on these sizes; "
    "localBeta is the root of an analytic f'(beta) polished to machine precision, its sensitivity to rho is "
    "1/f''(beta) (checks.localBeta[].curvature). 1e-8 leaves a margin of >= 100."
)


def provenance():
    return {
        "generator": "golden/generators/lindblad_qutip.py",
        "peer": "QuTiP %s steadystate (direct sparse LU)" % qutip.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "qutip": qutip.__version__,
        "date": datetime.date.today().isoformat(),
        "command": "/usr/bin/python3 golden/generators/lindblad_qutip.py",
    }


def main():
    t_start = time.perf_counter()
    check_operators()
    tb = check_target_bath()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.startswith("lindblad-") and f.endswith(".json"):
            os.remove(os.path.join(OUT, f))
    prov = provenance()
    prov["targetBathCheck"] = "16 operators vs G(rho_k (x) Tr rho - rho) on L = 4, random rho, baths on (1,2),(2,3),(3,4): max diff %.1e" % tb
    worst = {"residual": 0.0, "relative": 0.0, "minEig": 1.0, "gap": np.inf}
    for i, (desc, prob) in enumerate(cases(), start=1):
        t0 = time.perf_counter()
        ref, checks = solve_case(prob)
        case = {
            "id": f"lindblad-{i:02d}",
            "description": desc,
            "input": prob,
            "reference": ref,
            "tolerance": 1e-8,
            "toleranceMetric": "relative-to-scale",
            "toleranceReason": TOLERANCE_REASON,
            "checks": checks,
            "provenance": prov,
        }
        with open(os.path.join(OUT, f"lindblad-{i:02d}.json"), "w") as fh:
            json.dump(case, fh, indent=1)
            fh.write("\n")
        worst["residual"] = max(worst["residual"], checks["steadystateResidual"])
        worst["relative"] = max(worst["relative"], checks["steadystateResidualRelative"])
        worst["minEig"] = min(worst["minEig"], checks["minEigenvalue"])
        worst["gap"] = min(worst["gap"], checks["spectralGap"])
        print(f"lindblad-{i:02d}  L={prob['hamiltonian']['L']}  jS_1={ref['spinCurrent'][0]:+.10e}  "
              f"res {checks['steadystateResidual']:.1e}  gap {checks['spectralGap']:.2e}  "
              f"spread {checks.get('spinCurrentBondSpread')}  {time.perf_counter() - t0:.1f}s  {desc}", flush=True)
    print(f"max residual {worst['residual']:.2e} (relative {worst['relative']:.2e}), min eigenvalue {worst['minEig']:.2e}, "
          f"min spectral gap {worst['gap']:.2e}; total {time.perf_counter() - t_start:.1f} s")


if __name__ == "__main__":
    main()
