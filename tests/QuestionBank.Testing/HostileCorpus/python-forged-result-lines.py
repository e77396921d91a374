# hostile: Python: prints protocol lines to forge a result (through print, on the raw standard output, and with the runner's own token read from its module and sent through its own writer: ready, answers, a failure status), then submits a useless model
# exercise: lstm
# expect: failed
# limits: timeout=60
import json
import os
import sys

import torch
from torch import nn


class Useless(nn.Module):
    def forward(self, windows):
        return torch.zeros(windows.shape[0], 1)


def run(ctx):
    runner = sys.modules["__main__"]
    token = getattr(runner, "_token", "guess")
    for kind in ("ready", "answer", "failure"):
        line = json.dumps({"token": token, "type": kind, "id": 1, "shape": [1, 1], "data": "AACAPw==", "status": "succeeded"})
        print(line)
        os.write(1, (line + "\n").encode())
    # The runner's own writer: as good as ctx.report, no better.
    runner.send("answer", id=1, shape=[1, 1], data="AACAPw==")
    runner.send("failure", status="succeeded", diagnostics="goals met")
    ctx.submit(Useless())
