#!/usr/bin/env bash
# Builds the Python binding against an installed voxdesk (PREFIX) in a venv at
# build/py-venv, runs its tests and checks the example's output.
# Usage: bindings/python/test.sh PREFIX
set -euo pipefail
prefix=$(cd "${1:?usage: $0 PREFIX}" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=$root/build/py-venv

# shellcheck source=install.sh
source "$here/install.sh"
install_binding "$prefix"

echo "::: python: pytest" >&2
(cd "$here" && "$venv/bin/python" -m pytest -q tests)

echo "::: python: examples/python/book.py" >&2
out=$("$venv/bin/python" "$root/examples/python/book.py" "$root/examples/business/medical-practice.json")
printf '%s\n' "$out"
grep -q '^booked exam with [a-z]* at 2026-03-02T10:00:00-05:00, confirmation [A-Z0-9]*$' <<<"$out" &&
  grep -q '^second booking of that slot: slot unavailable$' <<<"$out" || {
  echo "unexpected output from examples/python/book.py" >&2
  exit 1
}
