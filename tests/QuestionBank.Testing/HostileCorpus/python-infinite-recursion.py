# hostile: Python: lifts the recursion limit and recurses forever
# exercise: lstm
# expect: failed, memory_limit, timeout
# limits: timeout=30, memory=1024
import sys


def deeper(depth):
    return deeper(depth + 1) + 1


def run(ctx):
    sys.setrecursionlimit(1 << 30)
    deeper(0)
