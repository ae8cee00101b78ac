# Shared set-up for scripts/run and scripts/test: make .venv and install the project
# into it, saying each step on stderr. Sourced, not run. Quick when nothing changed: a stamp
# holds a hash of what the install depends on, so a second run skips pip entirely.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
extras="${VG_EXTRAS:-}"  # set by the caller: a sourced script sees the caller's arguments as $1
python="${PYTHON:-python3}"
step() { echo "set-up: $*" >&2; }
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "voiceguide needs Python 3.10 or newer; set PYTHON=/path/to/python3.x" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  step "creating the virtual environment in .venv"
  "$python" -m venv .venv
fi
stamp=".venv/.stamp-install${extras:+-${extras//,/+}}"  # test,natural -> .stamp-install-test+natural
want="$(cat pyproject.toml setup.py | sha256sum | cut -c1-16)-$extras"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  parts=("voiceguide")
  case ",$extras," in *,test,*) parts+=("its test tools") ;; esac
  case ",$extras," in *,web,*) parts+=("the web page's libraries") ;; esac
  case ",$extras," in *,natural,*) parts+=("the natural voice (about 190 MB)") ;; esac
  what="${parts[0]}"  # "voiceguide, its test tools and the web page's libraries"
  for ((i = 1; i < ${#parts[@]}; i++)); do
    what="$what$([ "$i" -eq $((${#parts[@]} - 1)) ] && echo " and" || echo ",") ${parts[$i]}"
  done
  step "updating pip in .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
  step "installing $what into .venv (the first time takes a minute or a few; pip names each package):"
  # pip's own progress, one line a package, without its 'already satisfied' chatter;
  # its warnings and errors (stderr) pass unfiltered, and a failure stops the script.
  .venv/bin/python -m pip install --progress-bar off -e ".${extras:+[$extras]}" \
    | { grep --line-buffered -E '^(Collecting|Building|Installing collected)' | sed -u 's/^/  /' || true; }
  echo "$want" > "$stamp"
  step "done; from now on this step is skipped until pyproject.toml or setup.py changes"
fi
export PATH="$root/.venv/bin:$PATH"
