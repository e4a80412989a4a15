#!/usr/bin/env bash
# Installs everything Glyph needs on a fresh Debian machine with Node 20+: npm packages, the
# system Chromium the browser tests drive (Playwright cannot download its own browser here), and
# PostgreSQL and haproxy for the feedback store's and the replicas' tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# `npm install`, not `npm ci`: the registry this machine reaches lacks the other platforms' optional
# rollup builds, which `npm ci` counts as a lock mismatch. `npm install` still installs the locked versions.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
if ! command -v chromium >/dev/null 2>&1 && [ -z "${GLYPH_SKIP_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null;
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
# PostgreSQL (the feedback store's second backend; its tests start throwaway servers from
# /usr/lib/postgresql/<version>/bin) and haproxy (the replica tests put one in front of the servers).
# The packages' own services are not needed: tests run their own on loopback.
if command -v dpkg-query >/dev/null 2>&1 && [ -z "${GLYPH_SKIP_SERVICES:-}" ]; then
  missing_services=()
  for package in postgresql haproxy; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing_services+=("$package")
  done
  if [ "${#missing_services[@]}" -gt 0 ]; then
    apt_install=(apt-get install -y -qq --no-install-recommends "${missing_services[@]}")
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && "${apt_install[@]}" >/dev/null;
    else sudo apt-get update -qq && sudo "${apt_install[@]}" >/dev/null; fi
  fi
fi
# Fonts the printed-letter datasets are rendered from (packages/node/src/datasets/font-split.ts; a test
# checks this list covers it). Only missing packages are installed, so a second run costs nothing.
font_packages=(fonts-cantarell fonts-crosextra-caladea fonts-crosextra-carlito fonts-dejavu-core fonts-ebgaramond
  fonts-freefont-ttf fonts-go fonts-inconsolata fonts-liberation fonts-linuxlibertine fonts-lmodern fonts-open-sans
  fonts-sil-gentium fonts-urw-base35)
if command -v dpkg-query >/dev/null 2>&1 && [ -z "${GLYPH_SKIP_FONTS:-}" ]; then
  missing_fonts=()
  for package in "${font_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing_fonts+=("$package")
  done
  if [ "${#missing_fonts[@]}" -gt 0 ]; then
    apt_install=(apt-get install -y -qq --no-install-recommends "${missing_fonts[@]}")
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && "${apt_install[@]}" >/dev/null;
    else sudo apt-get update -qq && sudo "${apt_install[@]}" >/dev/null; fi
  fi
fi
# Pretrained backbones for transfer learning, built from the installed npm package (no download).
npx tsx scripts/build-backbones.ts
