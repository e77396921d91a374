# hostile: Python: a forecaster whose answers are NaN, then the infinities, then float64, then a tensor of rank 600,000 (one element; sent by the runner's answer, patched, since torch refuses so many dimensions), so that a shape error quoting it would be megabytes long
# exercise: lstm
# expect: failed
# limits: timeout=60
import sys

import torch
from torch import nn

runner = sys.modules["__main__"]
original_answer = runner.answer


class Misbehaving(nn.Module):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def forward(self, windows):
        self.calls += 1
        values = (float("nan"), float("inf"), float("-inf"))
        if self.calls <= len(values):
            return torch.full((windows.shape[0], 1), values[self.calls - 1])
        return windows[:, -1, :].to(torch.float64)


def towering(model, request, torch_module):
    answer = original_answer(model, request, torch_module)
    if model.calls > 4:
        answer["shape"] = [1] * 600_000
    return answer


def run(ctx):
    runner.answer = towering
    ctx.submit(Misbehaving())
