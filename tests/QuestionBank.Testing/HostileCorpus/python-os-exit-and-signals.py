# hostile: Python: ignores SIGTERM, SIGINT, SIGHUP and SIGPIPE and blocks what it can, signals its parent, pid 1 and every process it can see, prints and sends through the runner's own writer a fake success (ready, answers for the next 100 request ids, a succeeded failure), then leaves with os._exit(0) without submitting a model
# exercise: lstm
# expect: failed
# limits: timeout=60
import os
import signal
import sys


def run(ctx):
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGPIPE, signal.SIGUSR1):
        signal.signal(number, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals) - {signal.SIGKILL, signal.SIGSTOP})
    for pid, number in ((os.getppid(), signal.SIGKILL), (1, signal.SIGKILL), (-1, signal.SIGTERM), (1, signal.SIGSTOP)):
        try:
            os.kill(pid, number)
            print(f"signalled {pid} with {number!r}")
        except OSError as error:
            print(f"signal to {pid} refused: {error}")
    runner = sys.modules["__main__"]
    print('{"type":"ready","status":"succeeded"}')
    ctx.report(1, mse_ratio=0.0)
    runner.send("ready")
    for request in range(1, 101):
        runner.send("answer", id=request, shape=[1, 1], data="AAAAAA==")
    runner.send("failure", status="succeeded", diagnostics="all goals met")
    sys.stdout.flush()
    os._exit(0)
