# hostile: Python: floods every way out: 10 MB of printed lines, 10 MB written without a newline, 50 MB of "{" with no newline on the raw standard output and error, 1 MB lines shaped like protocol messages with a guessed token, 20,000 progress reports of 100 long-named metrics, and images that are not PNGs, oversized or named like paths; it submits nothing
# exercise: lstm
# expect: failed
# limits: timeout=60
import json
import os
import sys


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def run(ctx):
    line = "x" * 1023
    for _ in range(10 * 1024):
        print(line)
    sys.stdout.write("y" * (10 * 1024 * 1024))
    braces = b"{" * (1 << 20)
    for _ in range(50):
        write_all(1, braces)
        write_all(2, braces)
    guessed = (json.dumps({"token": "0" * 32, "type": "progress", "step": 1, "metrics": {"n" * (1 << 20): 1}}) + "\n").encode()
    for _ in range(20):
        write_all(1, b"\n" + guessed)
    metrics = {f"metric_{index}_" + "m" * 100: float(index) for index in range(100)}
    for step in range(20_000):
        ctx.report(step, **metrics)
    not_a_png = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    big = b"\x89PNG\r\n\x1a\n" + bytes(8 * 1024 * 1024)
    for index in range(100):
        ctx.image("samples.png", not_a_png)
        ctx.image(f"../../etc/passwd{index}", not_a_png)
        ctx.image(f"big{index}.png", big)
