#!/usr/bin/env bash
# vendor/automerge is automerge 0.12.0 as published on crates.io plus the patch series in
# vendor/automerge/patches/, applied in order (vendor/automerge/VENDORED.md); vendor/samod-core
# likewise samod-core 0.16.0 (VENDORED=samod-core picks it; without it, check, --fetch and
# --update do both). This rebuilds that
# from cargo's cache of the published crate (checked against its crates.io checksum; fetched
# through cargo when missing, so offline after one `cargo fetch`) into a temporary directory
# and fails when it differs from vendor/automerge.
#   bash scripts/vendor-check.sh                 check (scripts/test.sh runs this)
#   bash scripts/vendor-check.sh --update        rewrite vendor/automerge from the series
#   bash scripts/vendor-check.sh --fetch         only bring the published crate into cargo's
#                                                cache (scripts/setup.sh)
#   bash scripts/vendor-check.sh --published DIR the published crate, unpatched, in DIR, renamed
#                                                automerge_published (fuzz/'s differential target)
#   bash scripts/vendor-check.sh --series DIR    DIR: a git repository, the published crate then
#                                                one commit a patch (to edit with git rebase -i)
#   bash scripts/vendor-check.sh --from-series DIR
#                                                each commit of DIR back into its patch (header
#                                                kept), then --update
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
CRATE=${VENDORED:-automerge}
case "$CRATE" in
  automerge) VERSION=0.12.0 SHA256=2fb849130973a7808a167887f56b1e8bdc36b9b541542602dcb337f34aecf47b ;;
  samod-core) VERSION=0.16.0 SHA256=d3cdfdd6a295b56df993ebccbd0a224d1f431a72b8c3404209baaa060037027e ;;
  *) echo "vendor-check: no vendored crate $CRATE" >&2; exit 1 ;;
esac
VENDOR=vendor/$CRATE
# without VENDORED, what applies to every vendored crate does samod-core's after automerge's
case "${VENDORED:-}:${1:-}" in
  :|:--fetch|:--update) VENDORED=samod-core bash "$0" "$@" ;;
esac
# ours, not the crate's: the series and its notes
OURS=(patches VENDORED.md UPSTREAM.md)

published_crate() {
  local cache="${CARGO_HOME:-$HOME/.cargo}/registry/cache"
  local crate
  crate=$(ls "$cache"/*/$CRATE-$VERSION.crate 2>/dev/null | head -n 1 || true)
  if [ -z "$crate" ]; then
    # the root's [patch] keeps cargo from fetching the published crate: ask for it alone
    local tmp
    tmp=$(mktemp -d)
    mkdir "$tmp/src" && touch "$tmp/src/lib.rs"
    printf '[package]\nname = "fetch-vendored"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n%s = "=%s"\n' \
      "$CRATE" "$VERSION" > "$tmp/Cargo.toml"
    cargo fetch --quiet --manifest-path "$tmp/Cargo.toml" >&2
    rm -rf "$tmp"
    crate=$(ls "$cache"/*/$CRATE-$VERSION.crate | head -n 1)
  fi
  echo "$SHA256  $crate" | sha256sum --check --quiet >&2 \
    || { echo "vendor-check: $crate is not the published $CRATE $VERSION" >&2; exit 1; }
  echo "$crate"
}

# the published crate in $1 (its files, as in the .crate)
unpack() {
  local crate
  crate=$(published_crate)
  mkdir -p "$1"
  tar -xzf "$crate" -C "$1" --strip-components=1
}

if [ "${1:-}" = "--fetch" ]; then
  published_crate >/dev/null
  exit 0
fi

if [ "${1:-}" = "--published" ]; then
  dest="${2:?--published DIR}"
  rm -rf "$dest"
  unpack "$dest"
  # its own package name, so that it sits beside the patched copy in one build and no
  # [patch.crates-io] automerge reaches it
  sed -i -e 's/^name = "automerge"$/name = "automerge_published"/' "$dest/Cargo.toml"
  rm -f "$dest/Cargo.lock" "$dest/Cargo.toml.orig"
  exit 0
fi

if [ "${1:-}" = "--series" ]; then
  dest="${2:?--series DIR}"
  [ ! -e "$dest" ] || { echo "vendor-check: $dest exists" >&2; exit 1; }
  unpack "$dest"
  here=$PWD
  cd "$dest"
  git init -q && git add -Af && git -c user.name=vendor -c user.email=vendor@localhost commit -qm "automerge $VERSION as published"
  for p in "$here/$VENDOR"/patches/*.patch; do
    git apply --whitespace=nowarn "$p"
    git add -Af && git -c user.name=vendor -c user.email=vendor@localhost commit -qm "$(basename "$p")"
  done
  echo "vendor-check: $dest holds automerge $VERSION and one commit a patch"
  exit 0
fi

if [ "${1:-}" = "--from-series" ]; then
  src="${2:?--from-series DIR}"
  for c in $(git -C "$src" rev-list --reverse HEAD~"$(ls "$VENDOR"/patches/*.patch | wc -l)"..HEAD); do
    name=$(git -C "$src" log -1 --format=%s "$c")
    p="$VENDOR/patches/$name"
    [ -f "$p" ] || { echo "vendor-check: no patch $name" >&2; exit 1; }
    header=$(sed '/^diff --git /,$d' "$p")
    { printf '%s\n\n' "$header"; git -C "$src" diff --no-color --full-index "$c~1" "$c"; } > "$p.new"
    mv "$p.new" "$p"
  done
  set -- --update
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unpack "$tmp/$CRATE"
for p in "$VENDOR"/patches/*.patch; do
  (cd "$tmp/$CRATE" && git apply --whitespace=nowarn "$OLDPWD/$p") \
    || { echo "vendor-check: $p does not apply" >&2; exit 1; }
done

if [ "${1:-}" = "--update" ]; then
  # only what differs is written, so that cargo rebuilds no more than it must
  (cd "$tmp/$CRATE" && find . -type f) | while read -r f; do
    cmp -s "$tmp/$CRATE/$f" "$VENDOR/$f" || { mkdir -p "$(dirname "$VENDOR/$f")"; cp "$tmp/$CRATE/$f" "$VENDOR/$f"; }
  done
  (cd "$VENDOR" && find . -path ./target -prune -o -type f -print) | while read -r f; do
    case "$f" in ./patches/*|./VENDORED.md|./UPSTREAM.md) continue ;; esac
    [ -e "$tmp/$CRATE/$f" ] || rm "$VENDOR/$f"
  done
  echo "vendor-check: $VENDOR rewritten from $CRATE $VERSION and $(ls "$VENDOR"/patches/*.patch | wc -l) patches"
  exit 0
fi

excludes=(--exclude=target)
for f in "${OURS[@]}"; do excludes+=("--exclude=$f"); done
if ! diff -r "${excludes[@]}" "$tmp/$CRATE" "$VENDOR" >"$tmp/diff"; then
  head -n 60 "$tmp/diff" >&2
  echo "vendor-check: $VENDOR is not $CRATE $VERSION plus its patches/ (above: what differs;" \
    "edit a patch, then bash scripts/vendor-check.sh --update)" >&2
  exit 1
fi
echo "vendor-check: $VENDOR is $CRATE $VERSION plus $(ls "$VENDOR"/patches/*.patch | wc -l) patches"
