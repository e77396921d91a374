# hostile: Python: allocates and touches 16 GB of tensors, then a NumPy array as large
# exercise: lstm
# expect: memory_limit, failed
# limits: timeout=60, memory=1024
import numpy as np
import torch


def run(ctx):
    kept = []
    for _ in range(64):
        kept.append(torch.ones(256 * 1024 * 1024 // 4))
    kept.append(np.ones(4 * 1024 * 1024 * 1024, dtype=np.uint8))
