#!/usr/bin/env bash
# What a new user does: clone the repository (the current HEAD commit) into an empty temporary
# folder, with no ../shared beside it, then run the README's two commands:
#
#   npm ci && npm run demo
#   npm test
#
# Fails when either fails. Tests that need ../shared must skip (with one visible line), never fail.
# Uncommitted changes are not part of a clone, so they are not tested here.
#
# Usage: tools/fresh-clone/check.sh [REVISION]   (default: HEAD)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
revision="$(git -C "$repo" rev-parse --verify "${1:-HEAD}^{commit}")"
work="$(mktemp -d "${TMPDIR:-/tmp}/container-review-fresh-clone.XXXXXX")"
trap 'rm -rf "$work"' EXIT
clone="$work/container-review"
started=$(date +%s)

echo "fresh clone of ${revision} into ${clone}"
git clone --quiet --no-checkout "$repo" "$clone"
git -C "$clone" fetch --quiet "$repo" "$revision"
git -C "$clone" -c advice.detachedHead=false checkout --quiet "$revision"
if [ -e "$work/shared" ]; then echo "unexpected: $work/shared exists"; exit 1; fi

cd "$clone"
# Nothing from the caller's environment may point the clone at the shared corpus or trees.
unset CORPUS_DIR TREES_DIR
phase=$(date +%s)
npm ci --no-audit --no-fund && npm run demo
installed=$(date +%s)
npm test
tested=$(date +%s)

echo "fresh clone passed in $(( tested - started )) s (npm ci && npm run demo: $(( installed - phase )) s, npm test: $(( tested - installed )) s)"
