# hostile: Python: asks NumPy for a terabyte (and catches the MemoryError), copies a broadcast view of 10^12 elements, maps 64 GB with MAP_NORESERVE and touches it, then keeps 64 MB arrays until something stops it
# exercise: lstm
# expect: memory_limit, failed
# limits: timeout=60, memory=1024
import mmap

import numpy as np


def run(ctx):
    for attempt in (lambda: np.empty(1 << 40, dtype=np.uint8), lambda: np.broadcast_to(np.float64(1), (10 ** 12,)).copy()):
        try:
            attempt()
        except MemoryError as error:
            print("refused:", error)
    try:
        reserved = mmap.mmap(-1, 64 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_NORESERVE", 0))
        view = np.frombuffer(reserved, dtype=np.uint8)
        for offset in range(0, 2 << 30, 1 << 20):
            view[offset:offset + (1 << 20)] = 1
    except (OSError, MemoryError) as error:
        print("mapping refused:", error)
    kept = []
    while True:
        kept.append(np.ones(64 << 20, dtype=np.uint8))
