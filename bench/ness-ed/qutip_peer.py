#!/usr/bin/python3
"""QuTiP peer of bench/ness-ed: the NESS of one `lindblad-ness` problem by ``qutip.steadystate``.

The Lindbladian (H and the collapse operators) is built by the same functions that write
golden/lindblad/ (golden/generators/lindblad_qutip.py: ``build_model``, ``qutip_problem``,
``observables``), so the peer solves exactly the problem the golden data define
(CONVENTIONS §0, §1, §1a-§1d, §3). The solve is ``qutip.steadystate(H, c_ops)`` with its
default direct sparse LU (SuperLU, COLAMD), which includes building the Liouvillian.

Usage: /usr/bin/python3 bench/ness-ed/qutip_peer.py PROBLEM.json   (one problem; "-" = stdin)

Prints one JSON line on standard output:
  {"L", "seconds" (wall time of qutip.steadystate only, time.perf_counter),
   "build_seconds" (operators -> QuTiP objects), "peak_rss_mb" (ru_maxrss / 1024),
   "qutip", "magnetization", "spinCurrent", "energyCurrent", "bondEnergy"}
Anything else QuTiP prints (e.g. its one-time "Calibrating OpenMP threshold...") goes to stderr.
"""
import contextlib
import json
import os
import resource
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in golden/generators
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "golden", "generators"))

with contextlib.redirect_stdout(sys.stderr):
    import qutip
    import lindblad_qutip as lq


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: qutip_peer.py PROBLEM.json")
    src = sys.argv[1]
    problem = json.load(sys.stdin if src == "-" else open(src))
    if problem.get("kind") != "lindblad-ness":
        raise SystemExit(f"expected kind 'lindblad-ness', got {problem.get('kind')!r}")
    with contextlib.redirect_stdout(sys.stderr):
        t0 = time.perf_counter()
        m = lq.build_model(problem)
        H, c_ops = lq.qutip_problem(m)
        t1 = time.perf_counter()
        rho = qutip.steadystate(H, c_ops)
        t2 = time.perf_counter()
        ref, _ = lq.observables(m, rho.full())
    out = {
        "L": m.L,
        "seconds": t2 - t1,
        "build_seconds": t1 - t0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "qutip": qutip.__version__,
        "magnetization": ref["magnetization"],
        "spinCurrent": ref["spinCurrent"],
        "energyCurrent": ref["energyCurrent"],
        "bondEnergy": ref["bondEnergy"],
    }
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
