#!/usr/bin/env bash
# Builds the Python binding against PREFIX and prints its benchmark
# figures as JSON lines on stdout (logs on stderr).
# Usage: bindings/python/bench.sh PREFIX
set -euo pipefail
prefix=$(cd "${1:?usage: $0 PREFIX}" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=$root/build/py-venv

# shellcheck source=install.sh
source "$here/install.sh"
# Always (re)install: the extension must match this prefix's library, and
# the kept build directory makes an unchanged rebuild quick.
install_binding "$prefix"
cd "$here/bench" && "$venv/bin/python" bench_slots.py
