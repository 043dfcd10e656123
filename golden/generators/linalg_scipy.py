#!/usr/bin/python3
"""Golden reference data for nessref's dense linear algebra (golden/linalg/*.json).

Peer: SciPy (scipy.linalg.expm, eigvals, svdvals, solve_continuous_lyapunov,
solve_sylvester) with NumPy/LAPACK, run with Debian's /usr/bin/python3.

Every case is drawn from its own fixed seed (numpy.random.default_rng), so the files are
reproducible bit-for-bit on the same NumPy/SciPy/LAPACK.  Each file holds
  { "id", "op", "description", "provenance", "input", "reference", "tolerance",
    "toleranceMetric", "toleranceReason" }.
Real matrices are nested row lists; complex matrices are {"re": [[...]], "im": [[...]]}
(the JSON contract's convention).  Tolerances are computed from each case's conditioning
(see toleranceReason), never typed per case.

Conventions (nessref vs SciPy):
  * realLyapunov(A, Q) in nessref solves  A X + X A^T + Q = 0;
    scipy.linalg.solve_continuous_lyapunov(A, Q) solves A X + X A^H = Q,
    so the reference is solve_continuous_lyapunov(A, -Q).
  * the complex "lyapunov" case stores the SciPy convention A X + X A^H = Q explicitly
    (field "equation"), the consumer maps it to nessref's call.
  * sylvester(A, B, C): A X + X B = C, the same as scipy.linalg.solve_sylvester.

Run:  /usr/bin/python3 golden/generators/linalg_scipy.py
"""
import datetime
import json
import os
import platform
import sys

import numpy as np
import scipy
import scipy.linalg as sla

EPS = np.finfo(float).eps
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "linalg"))
DATE = datetime.date.today().isoformat()


def provenance():
    return {
        "generator": "golden/generators/linalg_scipy.py",
        "peer": "SciPy " + scipy.__version__ + " (scipy.linalg) on NumPy/LAPACK",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "date": DATE,
        "command": "/usr/bin/python3 golden/generators/linalg_scipy.py",
    }


def real_rows(A):
    return [[float(x) for x in row] for row in np.asarray(A, dtype=float)]


def cplx_rows(A):
    A = np.asarray(A, dtype=complex)
    return {"re": real_rows(A.real), "im": real_rows(A.imag)}


def cplx_vec(v):
    v = np.asarray(v, dtype=complex)
    return {"re": [float(x) for x in v.real], "im": [float(x) for x in v.imag]}


def write(case):
    case["provenance"] = provenance()
    path = os.path.join(OUT, case["id"] + ".json")
    with open(path, "w") as f:
        json.dump(case, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(path), "tol", case["tolerance"])


def expm_tol(A):
    # Relative Frobenius error of a backward-stable expm is about cond_exp(A)*eps with
    # cond_exp(A) >= ||A||_2 (Higham, Functions of Matrices, 2008, Thm 10.12 and 10.2);
    # c = 50 n slack for the two independent Pade/scaling-squaring implementations.
    n = A.shape[0]
    nrm = np.linalg.norm(A, 2)
    return float(max(1e-12, 50 * n * EPS * max(1.0, nrm)))


EXPM_REASON = ("relative Frobenius error; expm is computed by scaling-and-squaring Pade in both "
               "codes, error ~ cond_exp(A)*eps with cond_exp >= ||A||_2 (Higham 2008 Thm 10.12); "
               "tol = max(1e-12, 50 n eps max(1, ||A||_2))")


def case_expm_real(idx, n, scale, seed, desc):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    A *= scale / np.linalg.norm(A, 2)
    write({
        "id": "expm-real-%02d" % idx, "op": "expm", "description": desc,
        "input": {"A": real_rows(A)},
        "reference": {"X": real_rows(sla.expm(A))},
        "tolerance": expm_tol(A), "toleranceMetric": "relFro", "toleranceReason": EXPM_REASON,
    })


def case_expm_nonnormal(idx, seed):
    rng = np.random.default_rng(seed)
    n = 6
    A = np.triu(rng.standard_normal((n, n)), 1) * 2.0 - np.diag(np.linspace(0.5, 1.5, n))
    write({
        "id": "expm-real-%02d" % idx, "op": "expm",
        "description": "strongly non-normal upper-triangular 6x6 (large off-diagonal), stable diagonal",
        "input": {"A": real_rows(A)},
        "reference": {"X": real_rows(sla.expm(A))},
        "tolerance": expm_tol(A), "toleranceMetric": "relFro", "toleranceReason": EXPM_REASON,
    })


def case_expm_complex(idx, seed):
    rng = np.random.default_rng(seed)
    n = 5
    A = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    A *= 1.5 / np.linalg.norm(A, 2)
    write({
        "id": "expm-complex-%02d" % idx, "op": "cexpm",
        "description": "random complex 5x5, ||A||_2 = 1.5",
        "input": {"A": cplx_rows(A)},
        "reference": {"X": cplx_rows(sla.expm(A))},
        "tolerance": expm_tol(A), "toleranceMetric": "relFro", "toleranceReason": EXPM_REASON,
    })


def case_expm_hermitian(idx, seed):
    rng = np.random.default_rng(seed)
    n = 6
    G = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    H = (G + G.conj().T) / 2
    t = 2.3
    A = -1j * H * t
    U = sla.expm(A)
    write({
        "id": "expm-complex-%02d" % idx, "op": "cexpm",
        "description": "unitary propagator exp(-i H t), H random Hermitian 6x6, t = 2.3",
        "input": {"A": cplx_rows(A)},
        "reference": {"X": cplx_rows(U)},
        "tolerance": expm_tol(A), "toleranceMetric": "relFro", "toleranceReason": EXPM_REASON,
    })


def eig_condition(A):
    # Eigenvalue condition numbers kappa_i = 1/|y_i^H x_i| with unit left/right vectors
    # (Golub & Van Loan, 4th ed., Sec. 7.2.2).
    w, vl, vr = sla.eig(A, left=True, right=True)
    vl = vl / np.linalg.norm(vl, axis=0)
    vr = vr / np.linalg.norm(vr, axis=0)
    kap = 1.0 / np.abs(np.sum(vl.conj() * vr, axis=0))
    return w, float(np.max(kap))


def case_eigvals(idx, n, seed, desc):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    w, kmax = eig_condition(A)
    nrm = float(np.linalg.norm(A, 2))
    tol = float(max(1e-12, 100 * n * EPS * kmax))
    write({
        "id": "eigvals-real-%02d" % idx, "op": "eigvals", "description": desc,
        "input": {"A": real_rows(A)},
        "reference": {"values": cplx_vec(w), "maxEigenvalueCondition": kmax, "norm2": nrm},
        "tolerance": tol, "toleranceMetric": "matchedAbsOverNorm",
        "toleranceReason": ("eigenvalues matched as multisets; |dlambda| <= kappa * ||E||, backward error "
                            "||E|| ~ n eps ||A||_2 (Golub & Van Loan 4th ed. Sec. 7.2.2); "
                            "tol = max(1e-12, 100 n eps max kappa), compared as |dlambda| / ||A||_2"),
    })


def case_svd(idx, m, n, seed, graded, desc):
    rng = np.random.default_rng(seed)
    if graded:
        k = min(m, n)
        U, _ = np.linalg.qr(rng.standard_normal((m, k)))
        V, _ = np.linalg.qr(rng.standard_normal((n, k)))
        s = np.logspace(0, -8, k)
        A = (U * s) @ V.T
    else:
        A = rng.standard_normal((m, n))
    sv = sla.svdvals(A)
    write({
        "id": "svd-real-%02d" % idx, "op": "svdvals", "description": desc,
        "input": {"A": real_rows(A)},
        "reference": {"s": [float(x) for x in sv]},
        "tolerance": float(max(1e-12, 50 * max(m, n) * EPS)),
        "toleranceMetric": "absOverSigmaMax",
        "toleranceReason": ("singular values are perfectly conditioned in the absolute sense: "
                            "|dsigma_i| <= ||E||_2 (Weyl), backward error ~ n eps sigma_max; "
                            "compared as max |dsigma_i| / sigma_max with tol = max(1e-12, 50 n eps)"),
    })


def sylv_condition(A, B):
    # Condition of the Sylvester operator X -> A X + X B as the 2-norm condition number
    # of its Kronecker matrix I (x) A + B^T (x) I (Higham, Accuracy and Stability, 2nd ed., Sec. 16.1).
    m, n = A.shape[0], B.shape[0]
    K = np.kron(np.eye(n), A) + np.kron(B.T, np.eye(m))
    return float(np.linalg.cond(K))


SYLV_REASON = ("relative Frobenius error; Bartels-Stewart is backward stable up to a factor, forward error "
               "<~ cond(K) * eps with K the Kronecker operator (Higham, Accuracy and Stability, 2nd ed., "
               "Ch. 16); tol = max(1e-12, 10 n eps cond(K))")


def stable(rng, n, shift):
    A = rng.standard_normal((n, n)) / np.sqrt(n)
    ev = np.linalg.eigvals(A)
    return A - (np.max(ev.real) + shift) * np.eye(n)


def case_real_lyapunov(idx, seed):
    rng = np.random.default_rng(seed)
    n = 6
    A = stable(rng, n, 0.3)
    G = rng.standard_normal((n, n))
    Q = G @ G.T
    X = sla.solve_continuous_lyapunov(A, -Q)
    c = sylv_condition(A, A.T)
    write({
        "id": "lyapunov-real-%02d" % idx, "op": "realLyapunov",
        "description": "stable real 6x6 A (spectral abscissa -0.3), Q = G G^T; nessref equation A X + X A^T + Q = 0",
        "equation": "A X + X A^T + Q = 0",
        "input": {"A": real_rows(A), "Q": real_rows(Q)},
        "reference": {"X": real_rows(X), "kroneckerCondition": c},
        "tolerance": float(max(1e-12, 10 * n * EPS * c)), "toleranceMetric": "relFro",
        "toleranceReason": SYLV_REASON + "; SciPy called as solve_continuous_lyapunov(A, -Q)",
    })


def case_complex_lyapunov(idx, seed):
    rng = np.random.default_rng(seed)
    n = 5
    A = (rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))) / np.sqrt(2 * n)
    A = A - (np.max(np.linalg.eigvals(A).real) + 0.4) * np.eye(n)
    G = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    Q = G @ G.conj().T
    X = sla.solve_continuous_lyapunov(A, Q)
    c = sylv_condition(A, A.conj().T)
    write({
        "id": "lyapunov-complex-%02d" % idx, "op": "lyapunov",
        "description": "stable complex 5x5 A, Hermitian Q; SciPy equation A X + X A^H = Q",
        "equation": "A X + X A^H = Q",
        "input": {"A": cplx_rows(A), "Q": cplx_rows(Q)},
        "reference": {"X": cplx_rows(X), "kroneckerCondition": c},
        "tolerance": float(max(1e-12, 10 * n * EPS * c)), "toleranceMetric": "relFro",
        "toleranceReason": SYLV_REASON,
    })


def case_sylvester(idx, seed):
    rng = np.random.default_rng(seed)
    m, n = 5, 4
    A = rng.standard_normal((m, m)) + 3 * np.eye(m)
    B = rng.standard_normal((n, n)) + 2 * np.eye(n)
    C = rng.standard_normal((m, n))
    X = sla.solve_sylvester(A, B, C)
    c = sylv_condition(A, B)
    write({
        "id": "sylvester-real-%02d" % idx, "op": "sylvester",
        "description": "real Sylvester A X + X B = C, A 5x5, B 4x4 (spectra shifted apart)",
        "equation": "A X + X B = C",
        "input": {"A": real_rows(A), "B": real_rows(B), "C": real_rows(C)},
        "reference": {"X": real_rows(X), "kroneckerCondition": c},
        "tolerance": float(max(1e-12, 10 * max(m, n) * EPS * c)), "toleranceMetric": "relFro",
        "toleranceReason": SYLV_REASON,
    })


def main():
    os.makedirs(OUT, exist_ok=True)
    case_expm_real(1, 4, 1.0, 101, "random real 4x4, ||A||_2 = 1")
    case_expm_real(2, 8, 12.0, 102, "random real 8x8, ||A||_2 = 12 (several squarings)")
    case_expm_nonnormal(3, 103)
    case_expm_complex(1, 111)
    case_expm_hermitian(2, 112)
    case_eigvals(1, 8, 201, "random real 8x8 (complex-conjugate pairs)")
    case_eigvals(2, 20, 202, "random real 20x20")
    case_svd(1, 7, 5, 301, False, "random real 7x5 (tall)")
    case_svd(2, 10, 10, 302, True, "10x10 with singular values logspace(0, -8)")
    case_svd(3, 4, 9, 303, False, "random real 4x9 (wide)")
    case_real_lyapunov(1, 401)
    case_complex_lyapunov(1, 402)
    case_sylvester(1, 501)
    print("python", sys.version.split()[0], "numpy", np.__version__, "scipy", scipy.__version__)


if __name__ == "__main__":
    main()
