# hostile: Python: trains nothing; its forecaster is written for the series' former public formula (0.003 t + sin(2πt/12) + 0.3 sin(2πt/6)): it finds the t that fits the window best and forecasts the formula's next value
# exercise: lstm
# expect: failed
import math

import torch
from torch import nn


def formula(t):
    return 0.003 * t + torch.sin(2 * math.pi * t / 12) + 0.3 * torch.sin(2 * math.pi * t / 6)


class Formula(nn.Module):
    def forward(self, windows):
        length = windows.shape[1]
        starts = torch.arange(2000, dtype=torch.float64)
        # Every candidate start's window of the formula: [2000, length].
        candidates = formula(starts[:, None] + torch.arange(length, dtype=torch.float64)[None, :])
        values = windows.reshape(windows.shape[0], length).to(torch.float64)
        errors = ((values[:, None, :] - candidates[None, :, :]) ** 2).sum(-1)
        best = errors.argmin(1).to(torch.float64)
        return formula(best + length).to(torch.float32).unsqueeze(-1)


def run(ctx):
    ctx.submit(Formula())
