# hostile: Python: submits a classifier whose forward never returns (it ignores SIGTERM and SIGINT, and sleeps in a loop that swallows every exception)
# exercise: cnn
# expect: timeout, server_busy
# limits: timeout=20
import signal
import time

from torch import nn


class Stuck(nn.Module):
    def forward(self, images):
        while True:
            try:
                time.sleep(3600)
            except BaseException:  # noqa: BLE001 - nothing may end it
                pass


def run(ctx):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ctx.submit(Stuck())
