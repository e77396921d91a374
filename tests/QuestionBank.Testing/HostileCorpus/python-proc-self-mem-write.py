# hostile: Python: opens /proc/self/mem for writing to overwrite its own code, and writes to /proc/self/oom_score_adj and the cgroup files; a write that worked would spin until the timeout
# exercise: lstm
# expect: failed
# limits: timeout=60
def run(ctx):
    for path in ("/proc/self/mem", "/proc/self/oom_score_adj", "/proc/sys/kernel/core_pattern", "/sys/fs/cgroup/cgroup.procs"):
        try:
            with open(path, "r+b", buffering=0) as target:
                target.write(b"0")
        except OSError as error:
            print(f"{path} refused: {error}")
            continue
        while True:
            pass
    raise PermissionError("read-only")
