#!/usr/bin/env bash
# One command from a fresh clone to the running app: install, build the web app, serve the bundled
# models at http://127.0.0.1:3000 (pass glyph serve flags through, e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
GLYPH_SKIP_CHROMIUM=1 bash scripts/setup.sh
npm run build --workspace apps/web
exec npx glyph serve --models models "$@"
