#!/bin/sh
# Copies what one app needs at run time from the built workspace into OUT, before
# `npm install --omit=dev --workspace apps/<app>` fills node_modules there:
# the root manifests, every workspace's package.json (npm resolves the workspace graph from them),
# the built libraries (dist, plus the plain .mjs entries of web-session), and the app's build output.
# Usage: stage-app.sh <app> <out>   (run from the workspace root, after the build)
set -eu
app="$1"
out="$2"
[ -d "apps/$app" ] || { echo "stage-app: apps/$app does not exist" >&2; exit 1; }
mkdir -p "$out"
cp package.json package-lock.json .npmrc "$out/"
for manifest in apps/*/package.json libs/*/package.json e2e/package.json infra/package.json; do
  [ -f "$manifest" ] || continue
  mkdir -p "$out/$(dirname "$manifest")"
  cp "$manifest" "$out/$manifest"
done
for lib in libs/*; do
  [ -d "$lib/dist" ] && cp -R "$lib/dist" "$out/$lib/"
  for entry in "$lib"/*.mjs; do
    [ -f "$entry" ] && cp "$entry" "$out/$lib/"
  done
done
if [ -f "apps/$app/server.mjs" ]; then
  # Next.js: the build (without its dev cache), its config and the custom server.
  [ -d "apps/$app/.next" ] || { echo "stage-app: apps/$app/.next is missing: build first" >&2; exit 1; }
  mkdir -p "$out/apps/$app"
  cp -R "apps/$app/.next" "$out/apps/$app/"
  rm -rf "$out/apps/$app/.next/cache"
  cp "apps/$app/server.mjs" "apps/$app/next.config.ts" "$out/apps/$app/"
  [ -d "apps/$app/public" ] && cp -R "apps/$app/public" "$out/apps/$app/"
else
  [ -f "apps/$app/dist/main.js" ] || { echo "stage-app: apps/$app/dist/main.js is missing: build first" >&2; exit 1; }
  cp -R "apps/$app/dist" "$out/apps/$app/"
fi
# Build metadata no runtime reads.
find "$out" -name '.tsbuildinfo' -delete
