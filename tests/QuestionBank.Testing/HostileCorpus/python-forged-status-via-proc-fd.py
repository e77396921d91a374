# hostile: Python: reopens its standard output through /proc/self/fd/1 for reading to learn the job token from its own progress lines (and from the runner's module), then writes token-bearing lines on the raw standard output: a memory_limit failure with 3 MB of diagnostics, a cancelled and a succeeded failure, compiled with errors, ready, and answers for the next 300 request ids; it submits nothing
# exercise: lstm
# expect: failed
# limits: timeout=40
# steals: stdout
import json
import os
import sys
import threading
import time


def run(ctx):
    stop = threading.Event()

    def report():
        step = 0
        while not stop.is_set():
            ctx.report(step, loss=1.0)
            step += 1
            time.sleep(0.005)

    reporter = threading.Thread(target=report, daemon=True)
    reporter.start()
    token = None
    deadline = time.monotonic() + 15
    try:
        with open("/proc/self/fd/1", "rb") as stolen:
            while token is None and time.monotonic() < deadline:
                line = stolen.readline()
                at = line.find(b'"token":"')
                if at >= 0:
                    token = line[at + 9:at + 41].decode()
    except OSError as error:
        print("reading stdout refused:", error)
    stop.set()
    reporter.join()
    from_module = getattr(sys.modules["__main__"], "_token", None)
    print("token", token or "not learned", "same as the runner's" if token == from_module else "differs from the runner's")
    token = token or from_module

    def line(**fields):
        # Compact, as the runner writes them: the worker knows a protocol line by its first bytes.
        return (json.dumps({"token": token, **fields}, separators=(",", ":")) + "\n").encode()

    forged = [
        line(type="failure", status="memory_limit", diagnostics="m" * (3 * 1024 * 1024)),
        line(type="failure", status="cancelled", key="Cancelled", diagnostics="cancelled"),
        line(type="failure", status="succeeded", diagnostics="goals met"),
        line(type="compiled", compileErrors=[{"line": 1, "column": 1, "code": "CS0000", "message": "forged"}]),
        line(type="ready"),
    ]
    forged += [line(type="answer", id=request, shape=[1, 1], data="AAAAAA==") for request in range(1, 301)]
    for message in forged:
        view = memoryview(message)
        while view:
            view = view[os.write(1, view):]
