#!/bin/sh
# Starts a sandbox worker as an unprivileged user (QUESTIONBANK_WORKER_USER, default app) that owns
# a delegated cgroup subtree, so it can give each run its own memory, pids and cpu limits without
# being root. Usage: worker-entrypoint.sh dotnet QuestionBank.Sandbox.dll [args...]
# Root is needed only for the delegation; the worker and the jails it starts never have it.
# Started as any other user (compose's and Kubernetes' least-privilege settings), it skips that
# step: the worker then needs QuestionBank__Sandbox__ContainerLimits=true (the container's limits
# are the run's) and otherwise refuses to start, saying so.
set -eu

if [ "$(id -u)" != 0 ]; then
    exec "$@"
fi

user="${QUESTIONBANK_WORKER_USER:-app}"
cgroup=/sys/fs/cgroup
subtree=questionbank

if [ -f "$cgroup/cgroup.controllers" ]; then
    # cgroup v2. A cgroup that holds processes cannot hand controllers to its children, and in a
    # container the namespace's root holds ours: as the container's first process, move everything
    # into a leaf first.
    if [ "$$" = 1 ]; then
        mkdir -p "$cgroup/init"
        while read -r pid; do echo "$pid" > "$cgroup/init/cgroup.procs" 2>/dev/null || true; done < "$cgroup/cgroup.procs"
    fi
    echo "+memory +pids +cpu" > "$cgroup/cgroup.subtree_control"
    mkdir -p "$cgroup/$subtree/worker"
    echo "+memory +pids +cpu" > "$cgroup/$subtree/cgroup.subtree_control"
    # The worker lives in a leaf of its own subtree: moving a jail into a sibling leaf then only
    # needs write access to the subtree's cgroup.procs, which the delegation gives it.
    echo "$$" > "$cgroup/$subtree/worker/cgroup.procs"
    chown -R "$user" "$cgroup/$subtree"
else
    # cgroup v1: one subtree per hierarchy the worker uses.
    for controller in memory pids cpu; do
        mkdir -p "$cgroup/$controller/$subtree"
        chown -R "$user" "$cgroup/$controller/$subtree"
    done
fi

HOME="$(getent passwd "$user" | cut -d: -f6)"
export HOME
exec setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups --inh-caps=-all -- "$@"
