# hostile: Python: writes a module whose import never ends to /tmp and imports it
# exercise: lstm
# expect: timeout, server_busy
# limits: timeout=10
import sys

with open("/tmp/forever.py", "w") as module:
    module.write("while True:\n    pass\n")
sys.path.insert(0, "/tmp")
import forever  # noqa: E402,F401


def run(ctx):
    pass
