#!/usr/bin/env bash
# One command from a fresh clone to the running app: install, build the web app, serve the bundled
# models at http://127.0.0.1:3000 (pass glyph serve flags through, e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
GLYPH_SKIP_CHROMIUM=1 GLYPH_SKIP_SERVICES=1 bash scripts/setup.sh
npm run build --workspace apps/web
# One user on this machine: the web app's feedback, review and upload calls carry no API key, so the
# write routes are opened with --no-auth (loopback only; the server refuses it on other addresses
# without --allow-no-auth). Give --api-keys <file> or $GLYPH_API_KEYS to require keys instead.
auth=(--no-auth)
for arg in "$@"; do [[ "$arg" == --api-keys* ]] && auth=(); done
[[ -n "${GLYPH_API_KEYS:-}${GLYPH_API_KEYS_FILE:-}" ]] && auth=()
exec npx glyph serve --models models "${auth[@]}" "$@"
