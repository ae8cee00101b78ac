# Shared set-up for scripts/run and scripts/test: make .venv and install the project
# into it. Sourced, not run. Quick when nothing changed: a stamp holds a hash of what
# the install depends on, so a second run skips pip entirely.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
extras="${VG_EXTRAS:-}"  # set by the caller: a sourced script sees the caller's arguments as $1
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "voiceguide needs Python 3.10 or newer; set PYTHON=/path/to/python3.x" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=".venv/.stamp-install${extras:+-${extras//,/+}}"  # test,natural -> .stamp-install-test+natural
want="$(cat pyproject.toml | sha256sum | cut -c1-16)-$extras"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
  .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
  echo "$want" > "$stamp"
fi
export PATH="$root/.venv/bin:$PATH"
