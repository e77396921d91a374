# hostile: Python: sockets of every family a run never needs (inet, inet6, netlink, vsock, packet, raw); one let through would spin until the timeout
# exercise: lstm
# expect: failed
# limits: timeout=60
import socket


def run(ctx):
    attempts = [
        (socket.AF_INET, socket.SOCK_STREAM), (socket.AF_INET6, socket.SOCK_DGRAM), (socket.AF_INET, socket.SOCK_RAW),
        (socket.AF_NETLINK, socket.SOCK_RAW), (socket.AF_VSOCK, socket.SOCK_STREAM), (socket.AF_PACKET, socket.SOCK_RAW),
        (socket.AF_BLUETOOTH, socket.SOCK_STREAM), (socket.AF_CAN, socket.SOCK_RAW),
    ]
    for family, kind in attempts:
        try:
            socket.socket(family, kind)
        except OSError as error:
            print(f"{family!r} refused: {error}")
            continue
        while True:
            pass
    raise PermissionError("no socket")
