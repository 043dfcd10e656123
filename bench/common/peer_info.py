"""BLAS facts for the Python peers of bench/ (shared by bench/*/scipy_peer.py, numpy_peer.py).

openblas_info() reads which BLAS library this process mapped (/proc/self/maps) and, for
OpenBLAS, its thread count, build configuration and the core it selected (OPENBLAS_CORETYPE).
"""
import ctypes


def openblas_info():
    info = {}
    lib = None
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                if "openblas" in line or "libblas" in line:
                    lib = line.split()[-1]
                    if "openblas" in lib:
                        break
    except OSError:
        pass
    info["blasLibrary"] = lib
    if lib and "openblas" in lib:
        try:
            h = ctypes.CDLL(lib)
            for sym in ("openblas_get_num_threads", "openblas_get_num_threads64_"):
                if hasattr(h, sym):
                    info["blasThreads"] = int(getattr(h, sym)())
                    break
            if hasattr(h, "openblas_get_config"):
                h.openblas_get_config.restype = ctypes.c_char_p
                info["blasConfig"] = h.openblas_get_config().decode()
            if hasattr(h, "openblas_get_corename"):
                h.openblas_get_corename.restype = ctypes.c_char_p
                info["blasCore"] = h.openblas_get_corename().decode()
        except OSError:
            pass
    return info
