#!/usr/bin/env bash
# Builds the five web apps (release, wasm-opt, minified, gzipped) and the plain welcome page into
# frontend/dist: the front door (joining, a new PIN, privacy) in door/, the young person's voice
# app in voice/, the young commissioner's panels app in panels/, the staff door (signing in) in
# staff-door/, the staff app in staff/; then the welcome and sign-in page at the top.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dist=frontend/dist
rm -rf "$dist"   # a failed build must not leave an old app behind
for app in door voice panels staff-door staff; do
  trunk build "frontend/$app.html" --release --offline --dist "$dist/$app" --public-url "/$app/"
  test -f "$dist/$app/index.html"
done

# The welcome page is plain HTML, put together here (Trunk builds a wasm for every page it
# builds): its script, named by its content so that browsers keep it for good, and the voice
# app's styles (Trunk's, minified), so they are on the phone already when the voice app opens;
# then the service worker, manifest, icon and languages.
script="/welcome-$(sha256sum frontend/welcome.js | cut -c1-16).js"
cp frontend/welcome.js "$dist$script"
styles="/$(cd "$dist" && ls voice/style-*.css)"
sed -e "s|href=\"/style.css\"|href=\"$styles\"|" -e "s|src=\"/welcome.js\"|src=\"$script\"|" \
  frontend/index.html > "$dist/index.html"
grep -q "$script" "$dist/index.html" && grep -q "$styles" "$dist/index.html"
cp frontend/sw.js frontend/manifest.webmanifest frontend/icon.svg "$dist/"
cp -r frontend/locales "$dist/locales"

# The server sends these .gz files to browsers that take gzip (at -9: what the budget measures).
find "$dist" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -exec gzip -9 -k -f {} +
