#!/usr/bin/env bash
# What a phone downloads to open each page of Chorus (gzip -9), from frontend/dist.
# DESIGN.md §5: the first load — the welcome and sign-in page at / and /sign-in — is at most 250 KB
# (aim 150 KB): plain HTML, its script, the styles (the voice app's), the icon and manifest, and a
# language's words (the largest, for a child who chose one); this fails the build above 150 KB. The front door
# (joining, a new PIN, privacy) and the voice, panels and staff apps load only after it (the service
# worker fetches the voice app while the welcome page is read); each has a guard a little above
# its present size, so none can grow unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() { # name, limit in KB (1 KB = 1,024 bytes), what the limit is, files
  local name=$1 limit=$2 what=$3 total=0 n f
  shift 3
  for f in "$@"; do
    n=$(gzip -9c "$f" | wc -c)
    printf '%8d  %s\n' "$n" "${f#frontend/dist/}"
    total=$((total + n))
  done
  local kb=$(( (total + 1023) / 1024 ))
  printf '%s, gzipped: %d bytes (%d KB); %s %d KB\n' "$name" "$total" "$kb" "$what" "$limit"
  if [ "$kb" -gt "$limit" ]; then
    echo "The $name is over its ${limit} KB $what." >&2
    status=1
  fi
}
app() { # folder: the app's page and what it loads (the service worker is not part of a load)
  find "$1" -maxdepth 1 -type f \( -name index.html -o -name '*.wasm' -o -name '*.js' -o -name '*.css' \) \
    ! -name sw.js | sort
}
biggest_words=$(ls -S frontend/dist/locales/*.json | head -1)
# shellcheck disable=SC2046 # one file name per line, none with spaces
check "first load (welcome and sign in)" "${CHORUS_FIRST_LOAD_KB:-150}" "budget (DESIGN.md 250, aim 150)" \
  $(app frontend/dist) frontend/dist/voice/style-*.css frontend/dist/icon.svg frontend/dist/manifest.webmanifest "$biggest_words"
# shellcheck disable=SC2046
check "front door" "${CHORUS_DOOR_GUARD_KB:-190}" guard $(app frontend/dist/door)
# shellcheck disable=SC2046
check "voice app" "${CHORUS_VOICE_GUARD_KB:-280}" guard $(app frontend/dist/voice)
# shellcheck disable=SC2046
check "panels app" "${CHORUS_PANELS_GUARD_KB:-310}" guard $(app frontend/dist/panels)
# shellcheck disable=SC2046
check "staff door" "${CHORUS_STAFF_DOOR_GUARD_KB:-190}" guard $(app frontend/dist/staff-door)
# shellcheck disable=SC2046
check "staff app" "${CHORUS_STAFF_GUARD_KB:-590}" guard $(app frontend/dist/staff)
exit $status
