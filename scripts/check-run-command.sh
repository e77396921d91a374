#!/usr/bin/env bash
# Shows the README's run command working on a machine that has only the .NET SDK. In a throwaway,
# copy-on-write view of this machine (an overlay of /, in a mount namespace of its own) Node.js, npm
# and every PostgreSQL package are purged and HOME is empty; there it clones this repository's HEAD,
# runs `dotnet run --project src/QuestionBank.Web` and waits until the bank is served, the worker has
# prepared its sandbox home from nothing, and the lstm reference run through the API succeeds. Then
# it checks the one line a learner gets where installing needs root and there is none.
# Needs root (mount namespaces, chroot) and the apt and npm mirrors. NuGet packages come from this
# machine's cache, copy-on-write: restoring them is not what this shows.
# Usage: sudo bash scripts/check-run-command.sh      (about 5–10 minutes; the machine is left as it was)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "This check needs root for its mount namespace: run \`sudo bash $0\`." >&2
  exit 1
fi
nuget=${NUGET_PACKAGES:-$HOME/.nuget/packages}
# Under /var/tmp: the overlay's upper layer must be on a disk, not on a tmpfs that the view replaces.
work=$(mktemp -d /var/tmp/qb-run-command.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/upper" "$work/scratch" "$work/root"

unshare --mount --propagation private --fork bash -s "$work" "$repo" "$nuget" <<'OUTSIDE'
set -euo pipefail
work=$1 repo=$2 nuget=$3
root=$work/root
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/upper,workdir=$work/scratch" "$root"
# The app serves on the README's port; nothing of this machine's may answer there in its stead.
! curl -s -o /dev/null http://127.0.0.1:5080/ || { echo "Port 5080 is in use: stop what serves there first." >&2; exit 1; }

# bubblewrap rather than chroot: the kernel refuses new user namespaces to a chrooted process, and
# the app's sandbox jail makes one; and this machine's own /proc, because a proc that bubblewrap mounts
# has parts covered, and the kernel then refuses the jail a proc of its own.
bwrap --bind "$root" / --dev-bind /dev /dev --bind /proc /proc --bind /sys /sys --tmpfs /tmp --cap-add ALL \
  --die-with-parent env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp/home \
  NUGET_PACKAGES="$nuget" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 REPO="$repo" bash -s <<'INSIDE'
set -euo pipefail
step() { echo "== $*"; }

step "Purging Node.js, npm and PostgreSQL from this view"
installed() { dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' "$@" 2>/dev/null | awk '$1 == "ii" {print $2}'; }
purge() { DEBIAN_FRONTEND=noninteractive dpkg --purge --force-depends $(installed "$@") >/tmp/purge.log 2>&1 || { cat /tmp/purge.log >&2; exit 1; }; }
purge nodejs npm 'postgresql*'
rm -rf /usr/lib/postgresql /usr/lib/node_modules /usr/local/lib/node_modules
for tool in node npm pg_ctl initdb postgres; do
  if command -v "$tool" >/dev/null; then echo "$tool is still reachable" >&2; exit 1; fi
done
mkdir -p "$HOME"
git clone -q "$REPO" /tmp/repo
cd /tmp/repo

step "Running the README's run command: dotnet run --project src/QuestionBank.Web"
dotnet run --project src/QuestionBank.Web >/tmp/app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
api=http://127.0.0.1:5080
wait_for() { # seconds, description, command...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    kill -0 $app 2>/dev/null || { echo "The app exited while waiting for $what:" >&2; tail -40 /tmp/app.log >&2; exit 1; }
    sleep 1
  done
  echo "Timed out waiting for $what:" >&2; tail -40 /tmp/app.log >&2; exit 1
}
wait_for 900 "the app to be ready" curl -sf $api/health/ready
questions=$(curl -sf "$api/api/search?q=CNN" | jq '.total')
[ "$questions" -gt 0 ] || { echo "The bank is empty: content/ was not imported" >&2; exit 1; }
echo "Serving; a search for CNN finds $questions questions. PostgreSQL now at: $(ls -d /usr/lib/postgresql/*/bin)"

step "Running the lstm reference through the API"
jar=/tmp/cookies
token=$(curl -sf -c $jar -b $jar $api/api/account/antiforgery)
source=$(curl -sf $api/api/exercises/lstm | jq '.solution')
id=$(curl -sf -c $jar -b $jar -H "Content-Type: application/json" -H "$(jq -r '.headerName' <<<"$token"): $(jq -r '.token' <<<"$token")" \
  -d "{\"exercise\": \"lstm\", \"source\": $source}" $api/api/runs | jq -r '.id')
ended() { [ "$(curl -sf $api/api/runs/$id | jq -r '.status')" != queued ] && [ "$(curl -sf $api/api/runs/$id | jq -r '.status')" != running ]; }
# The first run waits for the worker to prepare its sandbox home: a runtime root, MNIST (with the
# Node.js it installs for that), the word lists.
wait_for 1200 "run $id to end" ended
run=$(curl -sf $api/api/runs/$id)
echo "Run $id: $(jq -c '{status, goalsMet, metrics, diagnostics}' <<<"$run"); Node.js now at $(command -v node)"
[ "$(jq -r '.status' <<<"$run")" = succeeded ] || { tail -40 /tmp/app.log >&2; exit 1; }

kill $app; wait $app 2>/dev/null || true
trap - EXIT

step "Without root, where PostgreSQL is missing, the run command says what to install"
purge 'postgresql*'
rm -rf /usr/lib/postgresql
chmod -R a+rwX /tmp/repo
# bubblewrap makes the tmpfs at /tmp 0755; a machine's /tmp lets every user make files (dotnet and MSBuild do).
chmod 1777 /tmp
install -d -o nobody /tmp/nobody
set +e
output=$(cd /tmp/repo && setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/tmp/nobody \
  DOTNET_CLI_HOME=/tmp/nobody dotnet run --no-build --project src/QuestionBank.Web 2>&1)
set -e
message=$(grep -i "apt-get install postgresql" <<<"$output" || true)
[ -n "$message" ] || { echo "No line names the command to run:" >&2; tail -20 <<<"$output" >&2; exit 1; }
! grep -q "Unhandled exception\|   at " <<<"$output" || { echo "The line comes with a stack trace:" >&2; tail -20 <<<"$output" >&2; exit 1; }
echo "nobody sees: $message"
echo "OK: the run command needed nothing but the .NET SDK."
INSIDE
OUTSIDE
