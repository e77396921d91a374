# hostile: Python: starts processes with subprocess, os.system, os.posix_spawn and os.execv; one that ran would spin until the timeout
# exercise: lstm
# expect: failed
# limits: timeout=60
import os
import subprocess


def run(ctx):
    attempts = {
        "subprocess": lambda: subprocess.run(["/usr/bin/python3", "-c", "print('escaped')"], check=True),
        "os.system": lambda: os.system("/usr/bin/python3 -c pass") == 0 or (_ for _ in ()).throw(OSError("os.system failed")),
        "posix_spawn": lambda: os.waitpid(os.posix_spawn("/usr/bin/python3", ["python3", "-c", "pass"], {}), 0),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
        except (OSError, subprocess.SubprocessError) as error:
            print(f"{name} refused: {error}")
            continue
        while True:
            pass
    # exec replaces the runner: the worker sees a process that never answers.
    os.execv("/usr/bin/python3", ["python3", "-c", "print('replaced')"])
