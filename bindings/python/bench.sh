#!/usr/bin/env bash
# Builds the Python binding against PREFIX if needed and prints its benchmark
# figures as JSON lines on stdout (logs on stderr).
# Usage: bindings/python/bench.sh PREFIX
set -euo pipefail
prefix=$(cd "${1:?usage: $0 PREFIX}" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=$root/build/py-venv

# shellcheck source=install.sh
source "$here/install.sh"
if ! (cd / && "$venv/bin/python" -c 'import voxdesk' 2>/dev/null); then
  install_binding "$prefix"
fi
cd "$here/bench" && "$venv/bin/python" bench_slots.py
