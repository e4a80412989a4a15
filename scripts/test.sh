#!/usr/bin/env bash
# One command from a fresh clone to a full test run: install what the tests need, then run them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export GLYPH_DATA_DIR="${GLYPH_DATA_DIR:-$(cd .. && pwd)/shared/datasets}"
npm test
