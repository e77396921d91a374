# hostile: Python: patches the runner through sys.modules so that it answers the judge with a pickle payload (torch.save of the model) instead of forecasts, and its state with the same bytes
# exercise: lstm
# expect: failed
# limits: timeout=60
import base64
import io
import os
import pickle
import sys

import torch
from torch import nn


class Payload:
    def __reduce__(self):
        return (os.system, ("touch /tmp/pwned",))


def run(ctx):
    model = nn.Linear(24, 1)
    buffer = io.BytesIO()
    torch.save({"model": model.state_dict(), "payload": Payload()}, buffer)
    blob = base64.b64encode(buffer.getvalue() + pickle.dumps(Payload())).decode()
    runner = sys.modules["__main__"]
    runner.answer = lambda _model, request, _torch: {"id": request.get("id"), "shape": [1, 1], "data": blob}
    runner.encode_state = lambda _model, _torch: buffer.getvalue()
    ctx.submit(model)
