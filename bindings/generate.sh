#!/usr/bin/env bash
# Builds the host library and generates the Kotlin and Swift bindings from it (uniffi
# library mode, with the workspace's own uniffi-bindgen so generator and runtime match).
#
#   bindings/generate.sh [--release | --profile NAME] [--features LIST] [--out DIR]
#
# Output (default DIR = target/bindings):
#   DIR/kotlin/app/innermost/ffi/innermost.kt
#   DIR/swift/InnermostFFI.swift  DIR/swift/InnermostRustFFI.h  DIR/swift/InnermostRustFFI.modulemap
#   DIR/lib/libinnermost_ffi.{so,dylib}   the library the bindings were generated from
#
# Generated files are build products: never edit or commit them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profile=debug
cargo_profile=()
features=""
out="$root/target/bindings"
while [ $# -gt 0 ]; do
  case "$1" in
    --release) profile=release; cargo_profile=(--release) ;;
    --profile) profile="$2"; cargo_profile=(--profile "$2"); shift ;;
    --features) features="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

cd "$root"
feature_args=()
[ -n "$features" ] && feature_args=(--features "$features")
cargo build -q -p innermost-ffi --lib ${cargo_profile[@]+"${cargo_profile[@]}"} ${feature_args[@]+"${feature_args[@]}"}
dir="$profile"; [ "$profile" = dev ] && dir=debug; [ "$profile" = bench ] && dir=release
case "$(uname -s)" in
  Darwin) lib="target/$dir/libinnermost_ffi.dylib" ;;
  *) lib="target/$dir/libinnermost_ffi.so" ;;
esac
# Bindings come from the unstripped library (uniffi reads its metadata symbols).
rm -rf "$out/kotlin" "$out/swift" "$out/lib"
mkdir -p "$out/kotlin" "$out/swift" "$out/lib"
cargo run -q -p innermost-ffi --features bindgen --bin uniffi-bindgen -- \
  generate --library "$lib" --language kotlin --out-dir "$out/kotlin" --no-format
cargo run -q -p innermost-ffi --features bindgen --bin uniffi-bindgen -- \
  generate --library "$lib" --language swift --out-dir "$out/swift" --no-format
cp "$lib" "$out/lib/"
echo "bindings: $out (from $lib)" >&2
