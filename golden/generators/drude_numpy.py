#!/usr/bin/python3
"""Golden data for the infinite-temperature Drude weights of the periodic XXZ ring (MODELS §8,
nessref CONVENTIONS §8; CONTRACT kind `drude`).

Peer: NumPy (Debian python3-numpy) -- the full 2^L space, no symmetries: H, J_S and J_E built
from Kronecker products, ``numpy.linalg.eigh`` (LAPACK zheevd) of H, the currents transformed to
the eigenbasis, and |<m|J|n>|^2 summed over pairs of degenerate levels. Run with Debian's
interpreter:

    /usr/bin/python3 golden/generators/drude_numpy.py

Conventions (CONVENTIONS §0, §8): basis index 0 = up (sigma^z = +1), site 1 is the most
significant Kronecker factor, s = sigma/2.
H = sum_{b=1}^{L} J [s^x_b s^x_{b+1} + s^y_b s^y_{b+1} + Delta s^z_b s^z_{b+1}], site L+1 = site 1;
e_b = the b-th term; J_S = sum_b J (s^x_b s^y_{b+1} - s^y_b s^x_{b+1}) (bond L -> 1 included);
J_E = sum_i i [e_{i-1}, e_i] (e_0 = e_L).
D/beta (spin) and D/beta^2 (energy) = (1/(2 L 2^L)) sum_{m,n: E_m = E_n} |<m|J|n>|^2.

Degenerate levels: consecutive eigenvalues closer than tau = 1e-11 |J| (1 + |Delta|) L are one
group (chained), the same rule as nessref (the reasons are in src/exact/drude.ts). The largest
spread inside a group and the smallest gap between groups of the full spectrum are stored in
``checks`` (the full spectrum mixes all symmetry sectors, so its smallest gap is a lower bound
of nessref's per-sector gaps; cross-sector matrix elements of the currents vanish).

Checks per case: Hermiticity of H and J, ||[H, J_E]|| (J_E is conserved on the ring), the trace
Tr(J^2)/(2 L 2^L), and the closed forms (energy: (J^4/64)(1 + 2 Delta^2) for L >= 4; spin at
Delta = 0: J^2/16). The Prosen-Ilievski bound (spin only) is
(J^2/16) (sin^2(pi l/m)/sin^2(pi/m)) (1 - (m/2pi) sin(2pi/m)) when Delta = cos(pi l/m) with
gcd(l, m) = 1, m <= 64 (tolerance 1e-12), else null.
"""
import datetime
import json
import math
import os
import platform

import numpy as np
import scipy

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "drude")
DEGENERACY_REL = 1e-11

SX = np.array([[0, 1], [1, 0]], dtype=complex) / 2
SY = np.array([[0, -1j], [1j, 0]], dtype=complex) / 2
SZ = np.array([[1, 0], [0, -1]], dtype=complex) / 2
I2 = np.eye(2, dtype=complex)


def op(L, factors):
    """Kronecker product over sites 1..L (site 1 most significant), identity elsewhere."""
    m = np.array([[1]], dtype=complex)
    for site in range(1, L + 1):
        m = np.kron(m, factors.get(site, I2))
    return m


def nxt(L, b):
    return b % L + 1


def operators(L, J, delta):
    e = []
    for b in range(1, L + 1):
        c = nxt(L, b)
        e.append(J * (op(L, {b: SX, c: SX}) + op(L, {b: SY, c: SY}) + delta * op(L, {b: SZ, c: SZ})))
    H = sum(e)
    JS = sum(J * (op(L, {b: SX, nxt(L, b): SY}) - op(L, {b: SY, nxt(L, b): SX})) for b in range(1, L + 1))
    JE = sum(1j * (e[(i - 2) % L] @ e[i - 1] - e[i - 1] @ e[(i - 2) % L]) for i in range(1, L + 1))
    return H, JS, JE


def drude_sum(E, V, C, tol):
    A = V.conj().T @ C @ V
    n = len(E)
    s = 0.0
    spread = 0.0
    gap = math.inf
    a = 0
    while a < n:
        b = a + 1
        while b < n and E[b] - E[b - 1] <= tol:
            b += 1
        spread = max(spread, E[b - 1] - E[a])
        if b < n:
            gap = min(gap, E[b] - E[b - 1])
        s += float(np.sum(np.abs(A[a:b, a:b]) ** 2))
        a = b
    return s, spread, gap


def root_of_unity(delta, m_max=64, tol=1e-12):
    if not abs(delta) < 1:
        return None
    for m in range(2, m_max + 1):
        for l in range(1, m):
            if math.gcd(l, m) == 1 and abs(math.cos(math.pi * l / m) - delta) <= tol:
                return l, m
    return None


def pi_bound(J, delta):
    q = root_of_unity(delta)
    if q is None:
        return None
    l, m = q
    return (J * J / 16) * (math.sin(math.pi * l / m) ** 2 / math.sin(math.pi / m) ** 2) * (
        1 - (m / (2 * math.pi)) * math.sin(2 * math.pi / m)
    )


def solve_case(L, J, delta, current):
    H, JS, JE = operators(L, J, delta)
    C = JS if current == "spin" else JE
    E, V = np.linalg.eigh(H)
    scale = abs(J) * (1 + abs(delta)) * L
    tol = DEGENERACY_REL * scale
    s, spread, gap = drude_sum(E, V, C, tol)
    norm = 2 * L * 2 ** L
    value = s / norm
    ref = {"value": value, "bound": pi_bound(J, delta) if current == "spin" else None}
    checks = {
        "degeneracyTolerance": tol,
        "largestGroupSpread": spread,
        "smallestGroupGapFullSpectrum": gap,
        "hermiticityH": float(np.abs(H - H.conj().T).max()),
        "hermiticityJ": float(np.abs(C - C.conj().T).max()),
        "commutatorHJ": float(np.abs(H @ C - C @ H).max()),
        "traceFormula": float(np.trace(C @ C).real) / norm,
        "eigResidual": float(np.abs(H @ V - V * E).max()),
    }
    if current == "energy":
        checks["closedForm"] = J ** 4 / 64 * (1 + 2 * delta * delta)
        assert checks["commutatorHJ"] < 1e-12 * scale ** 2, "J_E must commute with H"
        assert abs(value - checks["closedForm"]) <= 1e-10 * checks["closedForm"], (value, checks["closedForm"])
    elif delta == 0:
        checks["closedForm"] = J * J / 16
        assert abs(value - checks["closedForm"]) <= 1e-10 * checks["closedForm"], (value, checks["closedForm"])
    assert spread <= 1e-2 * tol, "an exact degeneracy split by more than tau/100"
    return ref, checks


def cases():
    deltas = [(0.0, "0"), (0.5, "0.5 = cos(pi/3)"), (math.cos(math.pi / 4), "cos(pi/4)"), (1.0, "1 (isotropic)"), (1.5, "1.5 (gapped)")]
    out = []
    for current in ("spin", "energy"):
        for L in (8, 10):
            for J in (1.0, 0.7):
                for delta, name in deltas:
                    out.append((f"{current}, L = {L}, J = {J}, Delta = {name}", dict(L=L, J=J, delta=delta, current=current)))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".json"):
            os.remove(os.path.join(OUT, f))
    prov = {
        "generator": "golden/generators/drude_numpy.py",
        "peer": "NumPy %s numpy.linalg.eigh (LAPACK zheevd) on the full 2^L space, no symmetries" % np.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "date": datetime.date.today().isoformat(),
        "command": "/usr/bin/python3 golden/generators/drude_numpy.py",
        "degeneracyRule": "consecutive eigenvalues closer than 1e-11 |J| (1 + |Delta|) L form one group (chained)",
    }
    for i, (desc, p) in enumerate(cases(), start=1):
        ref, checks = solve_case(**p)
        case = {
            "id": f"drude-{i:02d}",
            "description": desc,
            "input": dict(kind="drude", **p),
            "reference": ref,
            "tolerance": 1e-9,
            "toleranceMetric": "relative-to-scale",
            "toleranceReason": (
                "|x - r| <= 1e-9 * max(|r|, s), s = J^2/16 (spin) or J^4/64 (energy). Both roads are "
                "backward-stable Hermitian eigensolvers (LAPACK zheevd on 2^L, nessref symEig on symmetry "
                "blocks); the Drude sum over a group of degenerate levels is invariant under rotations inside "
                "the group, and the groups of the full spectrum are >= 1e-5 |J| apart here (checks), >= 4e4 tau, so "
                "the sums agree to ~1e-13; "
                "1e-9 leaves margin."
            ),
            "checks": checks,
            "provenance": prov,
        }
        with open(os.path.join(OUT, f"drude-{i:02d}.json"), "w") as fh:
            json.dump(case, fh, indent=1)
            fh.write("\n")
        print(
            f"drude-{i:02d}  value = {ref['value']:.15e}  bound = {ref['bound']}  gap {checks['smallestGroupGapFullSpectrum']:.1e}"
            f"  spread {checks['largestGroupSpread']:.1e}  [H,J] {checks['commutatorHJ']:.1e}  {desc}"
        )


if __name__ == "__main__":
    main()
