#!/usr/bin/python3
"""TeNPy peer of bench/tebd: TEBD of the XXZ domain-wall quench (MODELS §1, §7).

Reads one JSON job from the file named by the positional argument JOB (run.ts writes it to
bench/out/tebd/), or from standard input when JOB is absent or ``-``::

    {"L": 60, "J": 1, "delta": [59 numbers, bond b = index b-1], "chi": 64, "dt": 0.05,
     "tEnd": 10, "order": 4, "cutoff": 1e-10, "outputTimes": [0, 1, ..., 10],
     "conserve": "Sz"}

and evolves the domain wall |↑…↑↓…↓⟩ (sites 1..L/2 up, s^z = +1/2; site 1 leftmost) under

    H = Σ_b J [s^x_b s^x_{b+1} + s^y_b s^y_{b+1} + Δ_b s^z_b s^z_{b+1}],   s = σ/2, no fields,

with TeNPy's ``XXZChain`` (tenpy/models/xxz_chain.py: H = Σ Jxx/2 (S⁺S⁻ + S⁻S⁺) + Jz S^z S^z
− hz S^z with S^z = diag(½, −½), S⁺ = [[0, 1], [0, 0]]; Jxx/2 (S⁺S⁻ + h.c.) = Jxx (S^x S^x +
S^y S^y)), so ``Jxx = J``, ``Jz = J·Δ_b`` (per-bond array of length L−1), ``hz = 0``,
``bc_MPS = "finite"``, ``conserve`` = the job's (default ``"Sz"``).

TEBD: ``tenpy.algorithms.tebd.TEBDEngine`` with ``order`` (4: Suzuki's fourth order, five
second-order steps with t1 = t2 = t4 = t5 = 1/(4 − 4^{1/3})), ``dt``, and ``trunc_params``
``chi_max = chi``, ``svd_min = None`` (off), ``trunc_cut = sqrt(cutoff)``. The square root is
TeNPy's convention: it discards Schmidt values while Σ_{discarded} S_i² ≤ trunc_cut², with S
normalised to ‖S‖ = 1 (tenpy/linalg/truncation.py ``truncate``/``svd_theta``), so
``trunc_cut = sqrt(cutoff)`` is "discarded weight ≤ cutoff relative to the total" — nessref's
``cutoff``. Between two output times the engine runs ``N_steps = round(Δt_out/dt)`` steps in one
``evolve`` call (TeNPy fuses the half-steps at the joints of consecutive steps there).

Timed (``time.perf_counter``): the evolution only (engine construction, ``calc_U`` and the
``evolve`` calls), not the import, the model/MPS construction or the measurements at the output
times (measured separately, ``measureSeconds``). CPU seconds of the whole process over the same
window (``time.process_time``) are reported too, to show BLAS threading.

Prints one JSON line: ``seconds``, ``cpuSeconds``, ``measureSeconds``, ``setupSeconds``,
``times``, ``magnetization`` (⟨s^z_i⟩, one L-array per output time), ``entropy`` (half-chain von
Neumann entropy, natural log, cut between sites L/2 and L/2+1, per output time), ``chi``
(final bond dimensions, L−1), ``maxChi`` (largest bond dimension at any output time),
``truncErr`` (TeNPy's summed truncation error ``eps``), ``peakRssMB``, ``settings`` (what was
passed to TeNPy) and ``versions`` (python, numpy, scipy, tenpy version and git commit, whether
TeNPy's compiled Cython helpers loaded, and the BLAS facts of bench/common/peer_info.py).

Where TeNPy comes from: ``--tenpy PATH`` or the environment variable ``TENPY_PATH``: a directory
holding TeNPy's source tree (the directory that contains the package directory ``tenpy/``),
e.g. a ``git archive`` of github.com/tenpy/tenpy (see bench/tebd/README.md). TeNPy is pure Python
(its Cython helpers are optional; without them it warns "Couldn't load compiled cython code" and
uses its NumPy code). The commit is read from ``git rev-parse HEAD`` in PATH, else from the file
``PATH/GIT_COMMIT``, else ``TENPY_COMMIT``.

Needs Debian's /usr/bin/python3 with python3-numpy, python3-scipy (not the pyenv python3).
"""
import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
import warnings


def tenpy_commit(path):
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    f = os.path.join(path, "GIT_COMMIT")
    if os.path.exists(f):
        with open(f) as fh:
            return fh.read().strip()
    return os.environ.get("TENPY_COMMIT")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("job", nargs="?", default="-", help="job file (JSON); '-' or absent: standard input")
    ap.add_argument("--tenpy", default=os.environ.get("TENPY_PATH"), help="TeNPy source tree (dir containing tenpy/)")
    args = ap.parse_args()
    if not args.tenpy or not os.path.isdir(os.path.join(args.tenpy, "tenpy")):
        print(json.dumps({"error": f"TeNPy source tree not found (--tenpy / TENPY_PATH = {args.tenpy!r}); see bench/tebd/README.md"}))
        sys.exit(3)
    if args.job == "-":
        job = json.load(sys.stdin)
    else:
        with open(args.job) as fh:
            job = json.load(fh)
    tenpy_path = os.path.abspath(args.tenpy)
    sys.path.insert(0, tenpy_path)
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
    from peer_info import openblas_info  # noqa: E402

    import numpy as np
    import scipy

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import tenpy
        from tenpy.algorithms.tebd import TEBDEngine
        from tenpy.models.xxz_chain import XXZChain
        from tenpy.networks.mps import MPS
        import tenpy.tools.optimization as topt
    cython_ok = not any("cython" in str(w.message).lower() for w in caught)
    cython_ok = cython_ok and bool(getattr(topt, "have_cython_functions", cython_ok))
    # TeNPy logs through `logging` (silent by default); keep stdout for the JSON line.

    L = int(job["L"])
    J = float(job["J"])
    delta = np.asarray(job["delta"], dtype=float)
    if delta.ndim == 0:
        delta = np.full(L - 1, float(delta))
    assert delta.shape == (L - 1,), "delta: L-1 per-bond numbers"
    chi = int(job["chi"])
    dt = float(job["dt"])
    order = job.get("order", 4)
    cutoff = float(job.get("cutoff", 1e-10))
    conserve = job.get("conserve", "Sz")
    t_end = float(job["tEnd"])
    out_times = [float(t) for t in job.get("outputTimes", [t_end])]
    assert out_times == sorted(out_times) and out_times[-1] == t_end and out_times[0] >= 0

    t_setup = time.perf_counter()
    model_params = {"L": L, "Jxx": J, "Jz": J * delta, "hz": 0.0, "bc_MPS": "finite", "conserve": conserve}
    model = XXZChain(model_params)
    init = ["up"] * (L // 2) + ["down"] * (L - L // 2)
    psi = MPS.from_product_state(model.lat.mps_sites(), init, bc="finite")
    trunc_params = {"chi_max": chi, "svd_min": None, "trunc_cut": math.sqrt(cutoff)}
    setup_seconds = time.perf_counter() - t_setup

    times, mags, ents = [], [], []
    max_chi = 0
    measure_seconds = 0.0

    def measure(t):
        nonlocal max_chi, measure_seconds
        m0 = time.perf_counter()
        times.append(t)
        mags.append([float(x) for x in np.real(psi.expectation_value("Sz"))])
        ents.append(float(psi.entanglement_entropy()[L // 2 - 1]))  # natural log; bond (L/2, L/2+1)
        max_chi = max(max_chi, max(psi.chi))
        measure_seconds += time.perf_counter() - m0

    w0 = time.perf_counter()
    c0 = time.process_time()
    engine = TEBDEngine(psi, model, {"order": order, "dt": dt, "N_steps": 1, "trunc_params": trunc_params})
    engine.prepare_evolve(dt)
    t_now = 0.0
    step_count = 0
    for t in out_times:
        n = int(round((t - t_now) / dt))
        assert abs(n * dt - (t - t_now)) < 1e-9 * max(1.0, t), "output times must be multiples of dt"
        if n > 0:
            engine.evolve(n, dt)
            step_count += n
        t_now = t
        c_pause = time.process_time()
        w_pause = time.perf_counter()
        measure(t)
        # exclude the measurement from the timed window
        w0 += time.perf_counter() - w_pause
        c0 += time.process_time() - c_pause
    seconds = time.perf_counter() - w0
    cpu_seconds = time.process_time() - c0

    out = {
        "seconds": seconds,
        "cpuSeconds": cpu_seconds,
        "measureSeconds": measure_seconds,
        "setupSeconds": setup_seconds,
        "steps": step_count,
        "times": times,
        "magnetization": mags,
        "entropy": ents,
        "chi": [int(c) for c in psi.chi[1:-1]] if len(psi.chi) == L + 1 else [int(c) for c in psi.chi],
        "maxChi": int(max_chi),
        "truncErr": float(engine.trunc_err.eps),
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "settings": {
            "model": "tenpy.models.xxz_chain.XXZChain",
            "Jxx": J, "Jz": "J*delta (per bond)", "hz": 0.0, "bc_MPS": "finite", "conserve": conserve,
            "engine": "tenpy.algorithms.tebd.TEBDEngine", "order": order, "dt": dt,
            "trunc_params": trunc_params, "evolvePerOutputInterval": True,
        },
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "tenpy": tenpy.__version__,
            "tenpyCommit": tenpy_commit(tenpy_path),
            "tenpyPath": tenpy_path,
            "tenpyCython": cython_ok,
            **openblas_info(),
        },
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
