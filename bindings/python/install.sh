# Sourced by test.sh and bench.sh: creates build/py-venv with pinned tools and
# (re)installs the binding into it against PREFIX. Logs go to stderr.
install_binding() {
  local prefix=$1
  if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv" >&2
  fi
  "$venv/bin/python" -m pip install -q --disable-pip-version-check pytest==8.3.4 >&2
  echo "::: python: pip install bindings/python (core at $prefix)" >&2
  # The build directory is kept, so a rebuild only compiles what changed.
  CMAKE_BUILD_PARALLEL_LEVEL=2 "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    --force-reinstall --no-deps "$here" \
    --config-settings=cmake.define.CMAKE_PREFIX_PATH="$prefix" \
    --config-settings=build-dir="$root/build/py-ext" >&2
}
