#!/usr/bin/env bash
# Builds the Go binding against an installed voxdesk, runs its tests (also
# under the race detector) and the example, and checks the example's output.
# Usage: bindings/go/test.sh PREFIX
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
PREFIX=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=env.sh
. "$here/env.sh"

cd "$here"
go vet ./...
go build ./...
echo "::: go test" >&2
go test -count=1 ./...
echo "::: go test -race" >&2
go test -count=1 -race -p 1 ./...

echo "::: examples/go/book" >&2
cd "$root/examples/go/book"
go vet .
out=$(go run . "$root/examples/business/medical-practice.json")
printf '%s\n' "$out"
grep -q '^booked exam with [a-z]* at 2026-03-02T10:00:00-05:00, confirmation [A-Z0-9]*$' <<<"$out" &&
  grep -q '^second booking of that slot: slot unavailable$' <<<"$out" || {
  echo "unexpected example output" >&2
  exit 1
}
echo "::: go binding: all passed" >&2
