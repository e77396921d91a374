# hostile: Python: os.fork in a loop, then a thread bomb; a fork that succeeded would spin until the timeout
# exercise: lstm
# expect: failed
# limits: timeout=60, memory=1024
import os
import threading
import time


def run(ctx):
    for _ in range(1000):
        try:
            pid = os.fork()
        except OSError as error:
            print("fork refused:", error)
            break
        if pid == 0:
            while True:
                pass
        while True:
            pass
    started = 0
    try:
        for _ in range(100000):
            threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
            started += 1
    except RuntimeError as error:
        print(f"threads stopped at {started}:", error)
    raise SystemExit(f"{started} threads")
