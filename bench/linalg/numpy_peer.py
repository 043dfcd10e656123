#!/usr/bin/python3
"""NumPy/LAPACK peer for bench/linalg/run.ts.

Builds the SAME matrices as run.ts from a shared MINSTD generator
(x <- 48271 x mod (2^31 - 1), entry = 2 x / (2^31 - 1) - 1, row-major; all products
exact in double precision, so both languages get bit-identical matrices), then times
  symeig : numpy.linalg.eigh (LAPACK syevd: values + vectors)
  svd    : numpy.linalg.svd(full_matrices=False) (LAPACK gesdd: thin U, s, V^T)
  matmul : A @ B (BLAS dgemm)
and prints one JSON object on standard output.

Usage: /usr/bin/python3 bench/linalg/numpy_peer.py SEED REPEATS N1 [N2 ...]
"""
import json
import os
import platform
import sys
import time

import numpy as np

# the shared BLAS helper: bench/common/peer_info.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from peer_info import openblas_info  # noqa: E402


M31 = 2147483647


def minstd_matrix(n, seed):
    x = seed % M31 or 1
    out = np.empty(n * n)
    for k in range(n * n):
        x = (48271 * x) % M31
        out[k] = 2.0 * x / M31 - 1.0
    return out.reshape(n, n)


def blas_info():
    info = {"numpy": np.__version__, "python": platform.python_version()}
    info.update(openblas_info())
    return info


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else 0.5 * (s[m - 1] + s[m])


def timeit(f, repeats):
    f()  # warm-up
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return {"median": median(ts), "min": min(ts), "all": ts}


def main():
    seed = int(sys.argv[1])
    repeats = int(sys.argv[2])
    sizes = [int(a) for a in sys.argv[3:]]
    res = {"peer": "numpy", "blas": blas_info(), "results": []}
    for n in sizes:
        G = minstd_matrix(n, seed + n)
        S = 0.5 * (G + G.T)
        B = minstd_matrix(n, seed + 7 * n + 1)
        w = np.linalg.eigh(S)[0]
        sv = np.linalg.svd(G, compute_uv=False)
        res["results"].append({
            "n": n,
            "checksum": float(G.sum()),
            "symeig": timeit(lambda: np.linalg.eigh(S), repeats),
            "svd": timeit(lambda: np.linalg.svd(G, full_matrices=False), repeats),
            "matmul": timeit(lambda: G @ B, repeats),
            "eigMinMax": [float(w[0]), float(w[-1])],
            "svMax": float(sv[0]),
        })
    json.dump(res, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
