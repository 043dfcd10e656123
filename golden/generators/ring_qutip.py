#!/usr/bin/python3
"""Golden data for the four-spin ring with Redfield baths ([P3], nessref CONVENTIONS §6).

Peer: QuTiP 4.7 (Debian python3-qutip) -- ``bloch_redfield_tensor(H, a_ops, use_secular=False,
atol=0)`` + ``steadystate`` on the sector block. Run with Debian's interpreter:

    /usr/bin/python3 golden/generators/ring_qutip.py

Conventions (CONVENTIONS §0, §6): basis index 0 = up (sigma^z = +1), site 1 is the most
significant tensor factor (QuTiP ``tensor`` order). Pauli matrices.
H_s = sum_l [J (sx_l sx_{l+1} + sy_l sy_{l+1}) + Delta n_l n_{l+1}] + h2 sz_2 + h3 sz_3,
n = (1 + sz)/2, site 5 = site 1. Baths: S_L = sz_1 (T_L), S_R = sz_3 (T_R).
J(w) = gamma w exp(-|w|/wc) (odd), G(w) = pi J(w) n_B(w, T) = pi gamma exp(-|w|/wc) w/expm1(w/T),
G(0) = pi gamma T.

nessref's equation: d rho/dt = -i[H, rho] + sum_l ([Lam_l rho, S_l] + [S_l, rho Lam_l^dag]) with
(Lam_l)_ab = (S_l)_ab G_l(E_a - E_b) in the eigenbasis of H. Its population rate c -> a is
2 |S_ac|^2 G(E_a - E_c). QuTiP 4.7's rate c -> a is |A_ac|^2 S(E_c - E_a) (only the real part of
the spectrum is used, no Lamb shift). Hence the spectrum handed to QuTiP is

    S_qutip(w) = 2 G(-w).

This mapping is checked, not assumed: ``check_mapping`` builds nessref's generator directly
(dense superoperator in QuTiP's eigenbasis, column stacking) and compares it elementwise with
QuTiP's full non-secular tensor, (1) for a two-level system H = (eps/2) sz with A = sx and with
A = sx + 0.3 sz (the latter also exercises G(0) on the diagonal of A), and (2) for the 16-state ring
at a random parameter point. The maximal differences are printed and stored in every file's
provenance; the script aborts if they exceed 1e-13 relative to the tensor's largest entry.
Results on the reference machine (QuTiP 4.7.1): two-level 0 / 4e-17, 16-state ring 2.6e-15
relative (3e-14 absolute on entries up to ~20). With the wrong sign, S_qutip(w) = 2 G(+w), the
same comparison differs by O(gamma) (~1e-1 two-level, ~6e-2 ring), so the check is sharp.

QuTiP 4.7 details (read from qutip/cy/br_tensor.pyx): a_ops is a list of [Hermitian Qobj,
callable S(w)] pairs; the return value is (R, ekets) with R a 'super' Qobj in the basis of ekets
(column-stacking vectorization, as everywhere in QuTiP), ekets from ZHEEVR in ascending energy.
R_{ab,cd} = A_ac A_db (S(E_c - E_a) + S(E_d - E_b))/2 - delta_ac sum_k A_dk A_kb S(E_d - E_k)/2
- delta_bd sum_k A_ak A_kc S(E_c - E_k)/2 (plus -i[H, .]); the callable's value is used as
returned (we pass a real one, so no Lamb shift). use_secular=False is required (the default True
drops every element with |w_ab - w_cd| >= sec_cutoff * min spacing); with use_secular=False the
sec_cutoff argument is ignored. atol=0 is passed because the default (qutip.settings.atol = 1e-12)
zeroes eigenbasis entries of A below it (an effect of ~1e-17 here, but the reference should not
depend on it).

Observables (CONVENTIONS §6): heatCurrentLeft/Right = Tr(H R_l[rho]) (QuTiP tensor of one bath,
which includes the -i[H, .] part whose trace against H vanishes); upper/lower heat currents
<j_2>, <j_4> with j_l = i[h_{l-1,l}, h_{l,l+1}] and bond energies with site fields split half-half;
spin current <J(sx_1 sy_2 - sy_1 sx_2)> (asserted equal on all bonds); ergotropy; energies and
populations in the eigenbasis (cases chosen with non-degenerate block spectra).
"""
import datetime
import json
import os
import platform
import sys

import numpy as np
import qutip
import scipy
from qutip import Qobj, bloch_redfield_tensor, qeye, sigmax, sigmay, sigmaz, steadystate, tensor

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "ring")
N = 4


def op(single, site):
    ops = [qeye(2)] * N
    ops[site - 1] = single
    return tensor(ops)


def nop(site):
    return (op(qeye(2), site) + op(sigmaz(), site)) / 2


def bond_energy(J, delta, fields, l):
    r = 1 if l == N else l + 1
    h = J * (op(sigmax(), l) * op(sigmax(), r) + op(sigmay(), l) * op(sigmay(), r))
    h = h + delta * nop(l) * nop(r)
    h = h + 0.5 * (fields[l - 1] * op(sigmaz(), l) + fields[r - 1] * op(sigmaz(), r))
    return h


def rate(gamma, wc, T):
    def G(w):
        w = float(w)
        if w == 0.0:
            return np.pi * gamma * T
        return np.pi * gamma * np.exp(-abs(w) / wc) * w / np.expm1(w / T)

    return G


def sector_states(k):
    """Full-space indices with k up spins (bit (N - l) of the index is 0 for site l up), ascending."""
    out = []
    for s in range(2 ** N):
        ups = sum(1 for l in range(1, N + 1) if ((s >> (N - l)) & 1) == 0)
        if ups == k:
            out.append(s)
    return out


def restrict(A, states):
    M = A.full() if isinstance(A, Qobj) else A
    return M[np.ix_(states, states)]


def direct_generator(Hm, couplings):
    """nessref's generator in the eigenbasis of Hm (dense, column stacking), plus eigen data."""
    E, V = np.linalg.eigh(Hm)
    d = len(E)
    I = np.eye(d)
    L = -1j * np.kron(I, np.diag(E)) + 1j * np.kron(np.diag(E), I)
    for S, G in couplings:
        SE = V.conj().T @ S @ V
        Gm = np.array([[G(E[a] - E[b]) for b in range(d)] for a in range(d)])
        Lam = SE * Gm
        LamH = Lam.conj().T
        # vec(A X B) = (B^T kron A) vec(X)
        L += np.kron(SE.T, Lam) - np.kron(I, SE @ Lam) + np.kron(LamH.T, SE) - np.kron((LamH @ SE).T, I)
    return L, E, V


def qutip_tensor(Hm, couplings):
    H = Qobj(Hm)
    a_ops = []
    for S, G in couplings:
        a_ops.append([Qobj(S), (lambda GG: (lambda w: 2.0 * GG(-w)))(G)])
    R, ekets = bloch_redfield_tensor(H, a_ops, use_secular=False, atol=0.0)
    return R, ekets


def align(Lq, ekets, V):
    """QuTiP's tensor is in the basis of its ekets; ours in numpy's eigh basis. For a
    non-degenerate spectrum the two bases differ by phases: ekets_k = V_k e^{i phi_k}. Returns
    QuTiP's generator expressed in the V basis (so it can be compared with ours elementwise)."""
    W = np.column_stack([k.full().ravel() for k in ekets])
    # U = V^dag W is diagonal (phases) for a non-degenerate spectrum
    U = V.conj().T @ W
    # a super-operator in basis W: rho_W = U^dag rho_V U; vec: (U^T kron U^dag)
    T = np.kron(U.T, U.conj().T)
    Tinv = np.kron(U.conj(), U)  # inverse of T for unitary U
    return Tinv @ Lq @ T  # QuTiP's generator expressed in the V basis


def check_mapping():
    rng = np.random.default_rng(20261122)
    report = {}
    # (1) two-level system, A = sx and A = sx + 0.3 sz
    eps, T, g, wc = 1.3, 0.7, 0.05, 10.0
    Hm = np.diag([eps / 2, -eps / 2]).astype(complex)
    sx = np.array([[0, 1], [1, 0]], dtype=complex)
    sz = np.array([[1, 0], [0, -1]], dtype=complex)
    worst = 0.0
    for S in (sx, sx + 0.3 * sz):
        coup = [(S, rate(g, wc, T))]
        L, E, V = direct_generator(Hm, coup)
        R, ekets = qutip_tensor(Hm, coup)
        Lq = align(R.full(), ekets, V)
        worst = max(worst, float(np.max(np.abs(L - Lq)) / np.max(np.abs(L))))
    report["twoLevelMaxDiff"] = worst
    # (2) the 16-state ring at a random point
    J, delta, h2, h3 = 0.9, rng.uniform(-3, 3), 1.7, 0.6
    TL, TR, g, wc = 2.0, 0.8, 0.02, 8.0
    fields = [0, h2, h3, 0]
    H = sum(bond_energy(J, delta, fields, l) for l in range(1, N + 1))
    coup = [(op(sigmaz(), 1).full(), rate(g, wc, TL)), (op(sigmaz(), 3).full(), rate(g, wc, TR))]
    L, E, V = direct_generator(H.full(), coup)
    gaps = np.diff(np.sort(E))
    assert gaps.min() > 1e-6, "the check point must have a non-degenerate spectrum"
    R, ekets = qutip_tensor(H.full(), coup)
    Lq = align(R.full(), ekets, V)
    report["ring16MaxDiff"] = float(np.max(np.abs(L - Lq)) / np.max(np.abs(L)))
    for k, v in report.items():
        print(f"mapping check {k}: max |ours - QuTiP| / max |ours| = {v:.3e}")
        if not v <= 1e-13:
            sys.exit(f"spectrum mapping check failed: {k} = {v}")
    return report


def solve_case(p):
    fields = [0, p["h2"], p["h3"], 0]
    H = sum(bond_energy(p["J"], p["delta"], fields, l) for l in range(1, N + 1))
    st = sector_states(p["sector"])
    Hb = restrict(H, st)
    SL = restrict(op(sigmaz(), 1), st)
    SR = restrict(op(sigmaz(), 3), st)
    GL = rate(p["gamma"], p["omegaC"], p["TL"])
    GR = rate(p["gamma"], p["omegaC"], p["TR"])
    R, ekets = qutip_tensor(Hb, [(SL, GL), (SR, GR)])
    if len(st) == 1:
        # a one-state sector: QuTiP's steadystate refuses the 1x1 tensor (not a 'super' Qobj);
        # the steady state is rho = 1 there, and every current is a trace against it below.
        rhoE = Qobj(np.ones((1, 1)))
    else:
        rhoE = steadystate(R)  # in QuTiP's eigenbasis
    W = np.column_stack([k.full().ravel() for k in ekets])
    E = np.real(np.array([(k.dag() * Qobj(Hb) * k).full()[0, 0] for k in ekets]))
    order = np.argsort(E)
    assert np.all(np.diff(E[order]) > 1e-6) or len(E) == 1, "degenerate block spectrum: choose another point"
    rE = rhoE.full()
    rho = W @ rE @ W.conj().T  # computational (sector) basis
    d = len(st)
    # residual of the steady state
    vec = rE.reshape(-1, order="F")
    Rm = R.full().reshape(d * d, d * d)
    nR = np.linalg.norm(Rm)
    residual = float(np.linalg.norm(Rm @ vec))  # ||R rho|| (2-norm of the vectorized residual)
    residual_rel = residual / (nR * np.linalg.norm(vec)) if nR > 0 else 0.0
    # heat currents: tensor of one bath applied to rho (Tr(H(-i[H, rho])) = 0)
    heat = []
    for S, G in [(SL, GL), (SR, GR)]:
        Rl, ek = qutip_tensor(Hb, [(S, G)])
        Wl = np.column_stack([k.full().ravel() for k in ek])
        rl = Wl.conj().T @ rho @ Wl
        Rfull = Rl.full().reshape(d * d, d * d)
        drho = (Rfull @ rl.reshape(-1, order="F")).reshape(d, d, order="F")
        Hl = Wl.conj().T @ Hb @ Wl
        heat.append(float(np.real(np.trace(Hl @ drho))))
    bonds = [restrict(bond_energy(p["J"], p["delta"], fields, l), st) for l in range(1, N + 1)]

    def jheat(site):
        a = bonds[(site - 2) % N]  # h_{site-1, site}
        b = bonds[site - 1]  # h_{site, site+1}
        return 1j * (a @ b - b @ a)

    imag_max = [0.0]

    def ex(O):
        # sanity check: Tr(rho O) of a Hermitian O is real up to rounding (recorded in checks)
        v = np.trace(rho @ O)
        assert abs(v.imag) <= 1e-12, f"expectation of a Hermitian operator has imaginary part {v.imag}"
        imag_max[0] = max(imag_max[0], abs(float(v.imag)))
        return float(v.real)

    ju, jd = ex(jheat(2)), ex(jheat(4))
    spins = []
    for l in range(1, N + 1):
        r = 1 if l == N else l + 1
        jS = p["J"] * (op(sigmax(), l) * op(sigmay(), r) - op(sigmay(), l) * op(sigmax(), r))
        spins.append(ex(restrict(jS, st)))
    spread = max(spins) - min(spins)
    assert spread <= 1e-10 * max(1e-6, max(abs(x) for x in spins)), f"spin current differs between bonds: {spins}"
    Es = E[order]
    pops = [float(np.real(rE[k, k])) for k in order]
    r = np.sort(np.linalg.eigvalsh(0.5 * (rho + rho.conj().T)))[::-1]
    erg = float(np.real(np.trace(rho @ Hb)) - np.dot(r, Es))
    if p["sector"] in (0, 4):
        mode = "none"
    elif ju > 0 and jd > 0:
        mode = "clockwise"
    elif ju < 0 and jd < 0:
        mode = "counterclockwise"
    else:
        mode = "parallel"
    ref = {
        "heatCurrentLeft": heat[0],
        "heatCurrentRight": heat[1],
        "upperHeatCurrent": ju,
        "lowerHeatCurrent": jd,
        "spinCurrent": spins[0],
        "ergotropy": erg,
        "mode": mode,
        "energies": [float(x) for x in Es],
        "populations": pops,
    }
    checks = {
        "steadystateResidual": residual,
        "steadystateResidualRelative": residual_rel,
        "trace": float(np.real(np.trace(rho))),
        "spinCurrentBondSpread": spread,
        "maxImagExpectation": imag_max[0],
        "minLevelSpacing": float(np.min(np.diff(Es))) if d > 1 else None,
    }
    return ref, checks


def cases():
    base = dict(J=1.0, h2=2.0, h3=1.0, TL=2.0, TR=1.0, gamma=0.01, omegaC=10.0)
    out = []
    for sector in (2, 3):
        for delta in (-3.0, -1.0, 0.0, 1.0, 2.19, 3.0):
            out.append((f"paper point (Fig. 2), sector {sector}, Delta = {delta}", dict(base, delta=delta, sector=sector)))
    for delta in (-2.0, 2.19):
        out.append((f"reversed bias TL < TR (Fig. 3c), sector 2, Delta = {delta}", dict(base, TL=1.0, TR=2.0, delta=delta, sector=2)))
    out.append(("paper fields, sector 1, Delta = 1.5", dict(base, delta=1.5, sector=1)))
    out.append(("paper fields, sector 1, reversed bias", dict(base, TL=0.5, TR=2.5, delta=-0.7, sector=1)))
    out.append(("Fig. 4 fields h2 = 1.4, h3 = 2.8, sector 2", dict(base, h2=1.4, h3=2.8, delta=1.1, sector=2)))
    out.append(("strong-ish coupling gamma = 0.05, sector 2", dict(base, gamma=0.05, delta=0.8, sector=2)))
    out.append(("sector 0 (single state)", dict(base, delta=1.0, sector=0)))
    out.append(("sector 4 (single state)", dict(base, delta=1.0, sector=4)))
    # Random points: numpy default_rng(12345). J in [0.5, 1.5], Delta in [-3, 3], h3 in [0, 3],
    # T in [0.3, 3], gamma in [0.001, 0.05], omegaC in [5, 20]; |h2| in [0.3, 3] with a random sign
    # (h2 = 0 is a strong 2<->4 reflection symmetry with a non-unique NESS, CONVENTIONS §6, so |h2|
    # is kept away from 0; the sign covers both field orientations). The draw order is fixed.
    rng = np.random.default_rng(12345)
    for i in range(8):
        p = dict(
            J=float(rng.uniform(0.5, 1.5)),
            delta=float(rng.uniform(-3, 3)),
            h2=float(rng.uniform(0.3, 3)) * (1 if rng.uniform() < 0.7 else -1),
            h3=float(rng.uniform(0, 3)),
            TL=float(rng.uniform(0.3, 3)),
            TR=float(rng.uniform(0.3, 3)),
            gamma=float(rng.uniform(0.001, 0.05)),
            omegaC=float(rng.uniform(5, 20)),
            sector=int(rng.choice([1, 2, 3])),
        )
        out.append((f"random point {i + 1} (numpy default_rng(12345))", p))
    return out


def main():
    mapping = check_mapping()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".json"):
            os.remove(os.path.join(OUT, f))
    prov = {
        "generator": "golden/generators/ring_qutip.py",
        "peer": "QuTiP %s bloch_redfield_tensor(use_secular=False, atol=0) + steadystate (direct sparse LU)" % qutip.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "qutip": qutip.__version__,
        "date": datetime.date.today().isoformat(),
        "command": "/usr/bin/python3 golden/generators/ring_qutip.py",
        "spectrumMapping": "S_qutip(w) = 2 G(-w), G(w) = pi gamma exp(-|w|/wc) w / expm1(w/T)",
        "mappingCheck": "max relative elementwise difference of the full non-secular tensors: two-level %.2e, 16-state ring %.2e"
        % (mapping["twoLevelMaxDiff"], mapping["ring16MaxDiff"]),
    }
    for i, (desc, p) in enumerate(cases(), start=1):
        ref, checks = solve_case(p)
        case = {
            "id": f"ring-{i:02d}",
            "description": desc,
            "input": dict(kind="redfield-ring", **p),
            "reference": ref,
            "tolerance": 1e-9,
            "toleranceMetric": "relative-to-scale",
            "toleranceReason": (
                "|x - r| <= 1e-9 * max(|r|, s), s = largest |value| of the quantity's family in this case "
                "(currents together; energies together; populations: 1). QuTiP's steadystate (direct sparse LU) "
                "and nessref's LU are backward stable on blocks of size <= 6 whose generator condition number "
                "is <= ~1e5 (rates ~gamma >= 1e-3, energies <= ~20): agreement ~1e-11; 1e-9 leaves margin."
            ),
            "checks": checks,
            "provenance": prov,
        }
        with open(os.path.join(OUT, f"ring-{i:02d}.json"), "w") as fh:
            json.dump(case, fh, indent=1)
            fh.write("\n")
        print(f"ring-{i:02d}  sector {p['sector']}  JL = {ref['heatCurrentLeft']:+.12e}  jS = {ref['spinCurrent']:+.12e}  residual {checks['steadystateResidual']:.1e}  {desc}")


if __name__ == "__main__":
    main()
