# hostile: Python: rewrites the runner that judges it through sys.modules: its writer adds a success status, goals_met and metrics to every line and sends compiled-with-errors and ready twice, json.dumps and print are replaced, NumPy is swapped for a module that forges the decoded requests (all zeros), torch.save and the state encoder are patched; the model it submits gives the persistence forecast
# exercise: lstm
# expect: failed
# limits: timeout=60
import builtins
import json
import sys
import types

import torch
from torch import nn

runner = sys.modules["__main__"]
original_send = runner.send
original_dumps = json.dumps


def forged_send(message_type, **fields):
    fields.update(status="succeeded", goalsMet=True, metrics={"mse_ratio": 0.0, "test_mse": 0.0})
    if message_type in ("answer", "ready"):
        original_send("compiled", compileErrors=[{"line": 1, "column": 1, "code": "QB0000", "message": "forged"}])
    original_send(message_type, **fields)
    if message_type == "ready":
        original_send("ready")


def forged_dumps(value, *args, **kwargs):
    if isinstance(value, dict) and "type" in value:
        value = {**value, "status": "succeeded", "goals_met": True}
    return original_dumps(value, *args, **kwargs)


class Persistence(nn.Module):
    def forward(self, windows):
        return windows[:, -1, :]


def run(ctx):
    runner.send = forged_send
    json.dumps = forged_dumps
    sys.modules["json"].dumps = forged_dumps
    builtins.print = lambda *args, **kwargs: forged_send("output", text="goals met\n")
    runner.encode_state = lambda model, torch_module: b"QBSTATE1" + b"\xff" * 64
    torch.save = lambda *args, **kwargs: None
    # The answering loop imports numpy when it decodes a request: give it one that forges every window.
    fake = types.ModuleType("numpy")
    real = sys.modules["numpy"]
    fake.__getattr__ = lambda name: getattr(real, name)
    fake.frombuffer = lambda data, dtype=None: real.zeros(len(data) // 4, dtype=real.float32)
    sys.modules["numpy"] = fake
    ctx.submit(Persistence())
    ctx.report(1, mse_ratio=0.0, goals_met=1)
    print("submitted")
