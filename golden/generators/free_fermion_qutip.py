#!/usr/bin/python3
"""Golden data for `lindblad-ness` with `method: "free-fermion"` (MODELS/CONVENTIONS §1, §1a-§1d, §2).

Every case is quadratic (xxz with delta = 0, fermion-chain with V = 0) with baths the free-fermion
road takes: source/sink at sites 1 and L only (§1b; one end only in some cases, pure source or pure
sink in others), dephasing on all sites or on a subset (`sites`, §1c), and target baths (§1a) on
(1, 2) and (L-1, L) with beta of either sign and mu != 0; uniform chains (which the library solves
on its O(L) structured road) and random fields (the general road), J != 1 in some. L = 2..8.

Peer: QuTiP 4.7 (Debian python3-qutip) -- ``qutip.steadystate(H, c_ops)`` with its default direct
sparse LU on the full 4^L Liouville space, i.e. NOT the two-point-function equation the library
solves: the reference knows nothing of free fermions. Run with Debian's interpreter from the
repository root:

    /usr/bin/python3 golden/generators/free_fermion_qutip.py

It rewrites every golden/free-fermion/free-fermion-NN.json (L = 8 cases take a few minutes each
and ~4 GB in the LU factorisations; the whole run is printed at the end).

The operators, the NESS and all its checks are those of golden/generators/lindblad_qutip.py,
imported (not copied): ``build_model`` (basis index 0 = |up>, site 1 most significant, sigma^+ =
|up><down|, dephasing sqrt(g) sigma^z, target reset operators sqrt(G p_i)|phi_i><e_j|, bond energies
with the §0 weights, j^S, j^E = i[e_{i-1}, e_i], and for fermion-chain n, j^P), and ``solve_case``
(steadystate; residual ||L rho|| <= 1e-10 through QuTiP's ``liouvillian``; trace, hermiticity,
positivity; the spectral gap by shift-invert ARPACK -- the kernel of L must be one-dimensional;
continuity identities of the operators; uniformity of the currents where the dissipator allows it;
j = g+_1 - (g+_1 + g-_1) n_1 for the fermion chain). The script aborts if a check fails.

Deterministic: all parameters are fixed below; the random fields are drawn from numpy default_rng
with a fixed seed and written into each input explicitly (rounded to 4 decimals, so the JSON numbers
are the exact inputs).
"""
import datetime
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

import lindblad_qutip as lq  # noqa: E402  (operators, NESS and checks: shared, not copied)

OUT = os.path.join(HERE, "..", "free-fermion")
GENERATOR = "golden/generators/free_fermion_qutip.py"
TOLERANCE = 1e-9


# ---------------------------------------------------------------- problem builders
def xx(L, fields, J=1.0):
    return lq.xxz(L, 0.0, fields, J=J)


def fc(L, fields, J=1.0):
    return {"type": "fermion-chain", "L": L, "J": J, "V": 0.0, "fields": lq.r4(fields)}


def deph(rate, sites=None):
    b = {"type": "dephasing", "rate": rate}
    if sites is not None:
        b["sites"] = list(sites)
    return b


def problem(ham, baths):
    return {"kind": "lindblad-ness", "hamiltonian": ham, "baths": baths, "method": "free-fermion"}


ss, target = lq.ss, lq.target


def cases():
    rng = np.random.default_rng(20261207)  # draw order fixed: do not reorder the lines below
    U = lambda w, n: rng.uniform(-w, w, n)
    z = lambda n: [0.0] * n
    c = lambda v, n: [v] * n
    out = []
    # --- L = 2
    out.append(("xx L=2 random fields W=1, source/sink (1, 0.4 | 0.3, 0.8)",
                problem(xx(2, U(1.0, 2)), [ss(1, 1.0, 0.4), ss(2, 0.3, 0.8)])))
    out.append(("fermion-chain L=2 J=0.7, uniform fields 0.2, rates (3,1,2,1), dephasing 0.2 (structured)",
                problem(fc(2, c(0.2, 2), J=0.7), [ss(1, 3.0, 1.0), ss(2, 2.0, 1.0), deph(0.2)])))
    # --- L = 3
    out.append(("xx L=3 no fields, target baths (1,2) beta=0.5 and (2,3) beta=-0.5 (overlapping pairs)",
                problem(xx(3, z(3)), [target(1, 0.5), target(2, -0.5)])))
    out.append(("xx L=3 uniform, source/sink (1, 0.5 | 0.5, 1) (structured)",
                problem(xx(3, z(3)), [ss(1, 1.0, 0.5), ss(3, 0.5, 1.0)])))
    out.append(("xx L=3 random fields W=1, source/sink at site L only (0.6, 1.4) + dephasing 0.3 (equilibrium-like NESS)",
                problem(xx(3, U(1.0, 3)), [ss(3, 0.6, 1.4), deph(0.3)])))
    out.append(("fermion-chain L=3 random fields h=1, rates (3,1,2,1)",
                problem(fc(3, U(1.0, 3)), [ss(1, 3.0, 1.0), ss(3, 2.0, 1.0)])))
    # --- L = 4
    out.append(("xx L=4 random fields W=1, source/sink (1, 0.2 | 0.3, 0.9), dephasing 0.3 on sites 2,3",
                problem(xx(4, U(1.0, 4)), [ss(1, 1.0, 0.2), ss(4, 0.3, 0.9), deph(0.3, [2, 3])])))
    out.append(("xx L=4 J=1.3 random fields W=0.5, target (1,2) beta=1 mu=0.3, (3,4) beta=0.2 mu=-0.3",
                problem(xx(4, U(0.5, 4), J=1.3), [target(1, 1.0, 0.3), target(3, 0.2, -0.3)])))
    out.append(("fermion-chain L=4 uniform no fields, pure source at 1 (1, 0), pure sink at L (0, 1), dephasing 0.5 (structured)",
                problem(fc(4, z(4)), [ss(1, 1.0, 0.0), ss(4, 0.0, 1.0), deph(0.5)])))
    # --- L = 5
    out.append(("xx L=5 J=0.8 uniform fields 0.4, source/sink (2, 0.5 | 0.5, 2), dephasing 0.2 (structured)",
                problem(xx(5, c(0.4, 5), J=0.8), [ss(1, 2.0, 0.5), ss(5, 0.5, 2.0), deph(0.2)])))
    out.append(("xx L=5 random fields W=1, one target bath only: (1,2) beta=0.7 mu=0.2",
                problem(xx(5, U(1.0, 5)), [target(1, 0.7, 0.2)])))
    out.append(("fermion-chain L=5 random fields h=1, rates (3,1,2,1), dephasing 0.1 on site 3",
                problem(fc(5, U(1.0, 5)), [ss(1, 3.0, 1.0), ss(5, 2.0, 1.0), deph(0.1, [3])])))
    out.append(("xx L=5 random fields W=0.5, target (1,2) beta=-0.8 mu=0.1 rate 1.5 + source/sink at L (0.4, 1.1)",
                problem(xx(5, U(0.5, 5)), [target(1, -0.8, 0.1, 1.5), ss(5, 0.4, 1.1)])))
    # --- L = 6
    out.append(("xx L=6 random fields W=1, target (1,2) beta=0.5, (5,6) beta=0.05",
                problem(xx(6, U(1.0, 6)), [target(1, 0.5), target(5, 0.05)])))
    out.append(("xx L=6 uniform no fields, pure source at 1 (1, 0), pure sink at L (0, 1) (structured)",
                problem(xx(6, z(6)), [ss(1, 1.0, 0.0), ss(6, 0.0, 1.0)])))
    out.append(("fermion-chain L=6 J=1.5 random fields h=0.5, rates (1,0.5,0.2,1), dephasing 0.3",
                problem(fc(6, U(0.5, 6), J=1.5), [ss(1, 1.0, 0.5), ss(6, 0.2, 1.0), deph(0.3)])))
    out.append(("xx L=6 J=0.9 random fields W=0.5, target (1,2) beta=-1 mu=0.5 rate 2, (5,6) beta=-0.3 mu=-0.4 rate 0.5, dephasing 0.2 on 2..5",
                problem(xx(6, U(0.5, 6), J=0.9), [target(1, -1.0, 0.5, 2.0), target(5, -0.3, -0.4, 0.5), deph(0.2, [2, 3, 4, 5])])))
    # --- L = 7
    out.append(("xx L=7 random fields W=2, source/sink (1.2, 0.8 | 0.8, 1.2)",
                problem(xx(7, U(2.0, 7)), [ss(1, 1.2, 0.8), ss(7, 0.8, 1.2)])))
    out.append(("xx L=7 uniform no fields, target (1,2) beta=0.3 mu=0.2, (6,7) beta=-0.3 mu=-0.2 (uniform, general road)",
                problem(xx(7, z(7)), [target(1, 0.3, 0.2), target(6, -0.3, -0.2)])))
    out.append(("fermion-chain L=7 uniform fields 0.5, rates (3,1,2,1), dephasing 1 on site 4 only (structured)",
                problem(fc(7, c(0.5, 7)), [ss(1, 3.0, 1.0), ss(7, 2.0, 1.0), deph(1.0, [4])])))
    out.append(("xx L=7 J=1.2 random fields W=1, one target bath only: (6,7) beta=-0.6 mu=-0.3, dephasing 0.1",
                problem(xx(7, U(1.0, 7), J=1.2), [target(6, -0.6, -0.3), deph(0.1)])))
    # --- L = 8
    out.append(("xx L=8 random fields W=1, source/sink (1, 0.5 | 0.5, 1), dephasing 0.1",
                problem(xx(8, U(1.0, 8)), [ss(1, 1.0, 0.5), ss(8, 0.5, 1.0), deph(0.1)])))
    out.append(("fermion-chain L=8 random fields h=1, rates (3,1,2,1)",
                problem(fc(8, U(1.0, 8)), [ss(1, 3.0, 1.0), ss(8, 2.0, 1.0)])))
    out.append(("xx L=8 J=1.1 uniform fields -0.3, source/sink (0.9, 0.3 | 0.2, 0.7), dephasing 0.4 on 2..7 (structured)",
                problem(xx(8, c(-0.3, 8), J=1.1), [ss(1, 0.9, 0.3), ss(8, 0.2, 0.7), deph(0.4, range(2, 8))])))
    return out


TOLERANCE_REASON = (
    "|x - r| <= 1e-9 * max(|r|, s), where s = max(largest |value| of the same quantity's array in this case, 1e-3) "
    "(magnetization, bondEnergy, spinCurrent, energyCurrent, density, particleCurrent each separately; the metric of "
    "golden/lindblad). Reason: the reference rho comes from QuTiP's direct sparse LU on the full 4^L Liouville space, "
    "whose error is backward error (~1e-16 relative, ||L rho|| stored in checks) times the conditioning of L (inverse "
    "spectral gap, >= ~1e-2 here, stored in checks), an absolute error on rho and so on every entry of a quantity's "
    "array alike (hence the scale s; the floor 1e-3 keeps arrays that vanish, e.g. the currents of a one-end bath, from "
    "demanding more than ~1e-12 absolutely); nessref's free-fermion road solves the L x L two-point-function equation "
    "with a residual ~1e-15 (diagnostics.residual). Two correct solvers agree to ~1e-12 on these sizes; 1e-9 leaves a "
    "margin of >= 100."
)


def provenance():
    p = lq.provenance()
    p["generator"] = GENERATOR
    p["peer"] = "QuTiP %s steadystate (direct sparse LU, full 4^L Liouville space)" % lq.qutip.__version__
    p["date"] = datetime.date.today().isoformat()
    p["command"] = "/usr/bin/python3 " + GENERATOR
    p["shared"] = "build_model, solve_case (operators, NESS, checks) imported from golden/generators/lindblad_qutip.py"
    return p


def main():
    t_start = time.perf_counter()
    lq.check_operators()
    tb = lq.check_target_bath()
    all_cases = cases()
    for desc, prob in all_cases:
        # every case is one the free-fermion road must take (MODELS §2): Delta = 0 / V = 0, source/sink at 1 and L only
        h = prob["hamiltonian"]
        assert (h["type"] == "xxz" and h["delta"] == 0.0) or (h["type"] == "fermion-chain" and h["V"] == 0.0), desc
        for b in prob["baths"]:
            if b["type"] == "source-sink":
                assert b["site"] in (1, h["L"]), desc
            if b["type"] == "target":
                assert b["sites"] in ([1, 2], [h["L"] - 1, h["L"]]), desc
    # `--only N[,M…]` regenerates those cases (1-based) and leaves the other files alone
    only = None
    if "--only" in sys.argv:
        only = {int(x) for x in sys.argv[sys.argv.index("--only") + 1].split(",")}
    os.makedirs(OUT, exist_ok=True)
    if only is None:
        for f in os.listdir(OUT):
            if f.startswith("free-fermion-") and f.endswith(".json"):
                os.remove(os.path.join(OUT, f))
    prov = provenance()
    prov["targetBathCheck"] = "16 operators vs G(rho_k (x) Tr rho - rho) on L = 4, random rho, baths on (1,2),(2,3),(3,4): max diff %.1e" % tb
    worst = {"residual": 0.0, "relative": 0.0, "minEig": 1.0, "gap": np.inf}
    for i, (desc, prob) in enumerate(all_cases, start=1):
        if only is not None and i not in only:
            continue
        t0 = time.perf_counter()
        ref, checks = lq.solve_case(prob)
        checks["observables"] = list(ref.keys())  # the fields the test compares
        checks["seconds"] = round(time.perf_counter() - t0, 2)
        case = {
            "id": f"free-fermion-{i:02d}",
            "description": desc,
            "input": prob,
            "reference": ref,
            "tolerance": TOLERANCE,
            "toleranceMetric": "relative-to-scale",
            "toleranceReason": TOLERANCE_REASON,
            "checks": checks,
            "provenance": prov,
        }
        with open(os.path.join(OUT, f"free-fermion-{i:02d}.json"), "w") as fh:
            json.dump(case, fh, indent=1)
            fh.write("\n")
        worst["residual"] = max(worst["residual"], checks["steadystateResidual"])
        worst["relative"] = max(worst["relative"], checks["steadystateResidualRelative"])
        worst["minEig"] = min(worst["minEig"], checks["minEigenvalue"])
        worst["gap"] = min(worst["gap"], checks["spectralGap"])
        print(f"free-fermion-{i:02d}  L={prob['hamiltonian']['L']}  jS_1={ref['spinCurrent'][0]:+.10e}  "
              f"res {checks['steadystateResidual']:.1e}  gap {checks['spectralGap']:.2e}  "
              f"spread {checks.get('spinCurrentBondSpread')}  {checks['seconds']:.1f}s  {desc}", flush=True)
    print(f"{len(all_cases)} cases; max residual {worst['residual']:.2e} (relative {worst['relative']:.2e}), "
          f"min eigenvalue {worst['minEig']:.2e}, min spectral gap {worst['gap']:.2e}; total {time.perf_counter() - t_start:.1f} s")


if __name__ == "__main__":
    main()
