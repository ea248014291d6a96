#!/usr/bin/env bash
# Builds the Rust core for Apple platforms and prepares the Swift package in ios/.
#
#   ios/build-xcframework.sh [--test-support] [--no-macos] [--macos-universal]
#                            [--profile NAME] [--help]
#
# Needs macOS with Xcode (xcodebuild, lipo) and rustup. Refuses to run anywhere else.
#
# What it does, in order:
#   1. rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios, plus
#      this Mac's own target (aarch64-apple-darwin, or x86_64-apple-darwin on Intel; both
#      with --macos-universal) for the macOS slice that `swift build`/`swift test` link;
#   2. cargo build -p innermost-ffi --lib --release --target T  for each of them
#      (IPHONEOS_DEPLOYMENT_TARGET=15.0, MACOSX_DEPLOYMENT_TARGET=12.0, as in Package.swift);
#   3. lipo: one simulator library (arm64 + x86_64), and one macOS library if universal;
#   4. generates the Swift bindings from the device library with the workspace's own
#      uniffi-bindgen (same uniffi version as the runtime; library mode reads the metadata
#      symbols of the unstripped library);
#   5. lays out the headers: include/InnermostRustFFI/{InnermostRustFFI.h,module.modulemap};
#   6. xcodebuild -create-xcframework  ->  ios/build/InnermostRustFFI.xcframework
#      (slices: ios-arm64, ios-arm64_x86_64-simulator, macos-arm64[_x86_64]);
#   7. copies the generated InnermostFFI.swift into ios/Sources/InnermostFFI/Generated/.
#
# Options:
#   --test-support     build with the Rust feature `test-support`, which exports
#                      insecureFastKdfParamsForTests(). Needed for `swift test`.
#                      NEVER ship such a build in an app.
#   --no-macos         skip the macOS slice (app builds only need iOS; `swift build` and
#                      `swift test` on the Mac itself need the macOS slice).
#   --macos-universal  macOS slice for arm64 and x86_64 (default: this Mac's arch only).
#   --profile NAME     cargo profile (default: release, the size-optimised mobile profile).
#
# Stripping: nothing is stripped here. The release profile keeps symbols (strip = false)
# because uniffi-bindgen reads its metadata from the library, and a static library is
# linked into the app anyway: Xcode dead-strips unused code and strips symbols when the
# app is archived (DEAD_CODE_STRIPPING, STRIP_INSTALLED_PRODUCT / DEPLOYMENT_POSTPROCESSING
# in Release), so the uniffi metadata never reaches a shipped binary.
#
# The generated Swift checks at first use that it matches the library it is linked with
# (uniffi checksums). Bindings and library therefore always come from the same run of this
# script; after switching --test-support on or off, rerun it (it rebuilds both).
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

test_support=0
want_macos=1
macos_universal=0
profile=release
while [ $# -gt 0 ]; do
  case "$1" in
    --test-support) test_support=1 ;;
    --no-macos) want_macos=0 ;;
    --macos-universal) macos_universal=1 ;;
    --profile)
      [ $# -ge 2 ] || { echo "build-xcframework.sh: --profile needs a value" >&2; exit 2; }
      profile="$2"
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "build-xcframework.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$(uname -s)" != "Darwin" ]; then
  cat >&2 <<EOF
build-xcframework.sh: this script runs only on macOS (found $(uname -s)).
It needs Xcode (xcodebuild, lipo) and rustup to build the Rust core for iOS and to
assemble ios/build/InnermostRustFFI.xcframework. On Linux, tests/swift/check.sh syntax-checks
the hand-written Swift instead.
EOF
  exit 1
fi

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "build-xcframework.sh: '$1' not found. $2" >&2; exit 1; }
}
need cargo "Install Rust with rustup (https://rustup.rs)."
need rustup "The iOS targets are added with rustup; a Rust without rustup cannot add them."
need xcodebuild "Install Xcode."
need lipo "Install Xcode."
if ! xcodebuild -version >/dev/null 2>&1; then
  echo "build-xcframework.sh: xcodebuild does not work (only the Command Line Tools selected?)." >&2
  echo "  Select a full Xcode: sudo xcode-select -s /Applications/Xcode.app" >&2
  exit 1
fi

ios_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$ios_dir/.." && pwd)"
cd "$root"

# Must agree with `platforms:` in ios/Package.swift. Read by rustc and by the cc crate
# (which compiles the bundled SQLite).
export IPHONEOS_DEPLOYMENT_TARGET=15.0
export MACOSX_DEPLOYMENT_TARGET=12.0

lib_name=libinnermost_ffi.a
out="$ios_dir/build/InnermostRustFFI.xcframework"
work="$ios_dir/build/work"
generated_dir="$ios_dir/Sources/InnermostFFI/Generated"

case "$profile" in
  dev | test) profile_dir=debug ;;
  bench) profile_dir=release ;;
  *) profile_dir="$profile" ;;
esac
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in
  /*) ;;
  *) target_dir="$root/$target_dir" ;;
esac

ios_targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
macos_targets=()
if [ "$want_macos" -eq 1 ]; then
  if [ "$macos_universal" -eq 1 ]; then
    macos_targets=(aarch64-apple-darwin x86_64-apple-darwin)
  elif [ "$(uname -m)" = "x86_64" ]; then
    macos_targets=(x86_64-apple-darwin)
  else
    macos_targets=(aarch64-apple-darwin)
  fi
fi
all_targets=("${ios_targets[@]}" ${macos_targets[@]+"${macos_targets[@]}"})

feature_args=()
if [ "$test_support" -eq 1 ]; then
  feature_args=(--features test-support)
fi

step() { printf '\n==> %s\n' "$*" >&2; }

step "rust targets: ${all_targets[*]}"
rustup target add "${all_targets[@]}"

built_lib() { printf '%s/%s/%s/%s' "$target_dir" "$1" "$profile_dir" "$lib_name"; }

for target in "${all_targets[@]}"; do
  step "cargo build --target $target (profile $profile${feature_args[*]+, ${feature_args[*]}})"
  cargo build -p innermost-ffi --lib --profile "$profile" --target "$target" \
    ${feature_args[@]+"${feature_args[@]}"}
  lib="$(built_lib "$target")"
  [ -f "$lib" ] || {
    echo "build-xcframework.sh: expected $lib after the build; is build.target-dir set elsewhere?" >&2
    exit 1
  }
done

rm -rf "$work" "$out"
mkdir -p "$work/ios-device" "$work/ios-simulator" "$work/macos" "$work/bindings" \
  "$work/include/InnermostRustFFI"

step "lipo: simulator library (arm64 + x86_64)"
cp "$(built_lib aarch64-apple-ios)" "$work/ios-device/$lib_name"
lipo -create "$(built_lib aarch64-apple-ios-sim)" "$(built_lib x86_64-apple-ios)" \
  -output "$work/ios-simulator/$lib_name"
lipo -info "$work/ios-simulator/$lib_name" >&2

if [ ${#macos_targets[@]} -gt 0 ]; then
  macos_libs=()
  for target in "${macos_targets[@]}"; do
    macos_libs+=("$(built_lib "$target")")
  done
  if [ ${#macos_libs[@]} -eq 1 ]; then
    cp "${macos_libs[0]}" "$work/macos/$lib_name"
  else
    step "lipo: macOS library (${macos_targets[*]})"
    lipo -create "${macos_libs[@]}" -output "$work/macos/$lib_name"
    lipo -info "$work/macos/$lib_name" >&2
  fi
fi

# The bindings come from the same (unstripped) library that goes into the XCFramework, so
# the generated checksums and the optional test-support export match what is linked.
step "uniffi-bindgen: Swift bindings from $(built_lib aarch64-apple-ios)"
cargo run -q -p innermost-ffi --features bindgen --bin uniffi-bindgen -- \
  generate --library "$(built_lib aarch64-apple-ios)" --language swift \
  --out-dir "$work/bindings" --no-format
for f in InnermostFFI.swift InnermostRustFFI.h; do
  [ -f "$work/bindings/$f" ] || {
    echo "build-xcframework.sh: uniffi-bindgen did not write $f (module names in bindings/uniffi.toml changed?)" >&2
    exit 1
  }
done

# Headers live in a subdirectory named exactly like the C module. Two reasons:
# * Xcode copies the Headers/ of every library XCFramework into one shared
#   $BUILT_PRODUCTS_DIR/include/; a top-level module.modulemap would collide with any other
#   XCFramework that ships one ("Multiple commands produce .../include/module.modulemap").
# * clang finds a module map in <search dir>/<ModuleName>/module.modulemap by name, without
#   scanning other subdirectories (which newer Xcodes no longer do), so the directory name
#   must be `InnermostRustFFI`, the module the generated Swift imports.
# The module map is written here rather than copied from uniffi's InnermostRustFFI.modulemap:
# uniffi's adds `use "_Builtin_stdbool"` / `use "_Builtin_stdint"` declarations, which only
# matter for strict layering checks and have broken module builds with some Xcode versions.
step "headers and module map"
cp "$work/bindings/InnermostRustFFI.h" "$work/include/InnermostRustFFI/InnermostRustFFI.h"
cat >"$work/include/InnermostRustFFI/module.modulemap" <<'EOF'
module InnermostRustFFI {
    header "InnermostRustFFI.h"
    export *
}
EOF

step "xcodebuild -create-xcframework -> $out"
xcf_args=(
  -library "$work/ios-device/$lib_name" -headers "$work/include"
  -library "$work/ios-simulator/$lib_name" -headers "$work/include"
)
if [ ${#macos_targets[@]} -gt 0 ]; then
  xcf_args+=(-library "$work/macos/$lib_name" -headers "$work/include")
fi
xcodebuild -create-xcframework "${xcf_args[@]}" -output "$out" >&2

step "generated Swift -> ${generated_dir#"$root"/}"
rm -rf "$generated_dir"
mkdir -p "$generated_dir"
cp "$work/bindings/InnermostFFI.swift" "$generated_dir/InnermostFFI.swift"

# What this build is, for whoever finds the XCFramework later.
{
  echo "profile: $profile"
  echo "features: $([ "$test_support" -eq 1 ] && echo test-support || echo none)"
  echo "targets: ${all_targets[*]}"
  echo "iOS >= $IPHONEOS_DEPLOYMENT_TARGET, macOS >= $MACOSX_DEPLOYMENT_TARGET"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} >"$ios_dir/build/BUILD-INFO"

rm -rf "$work"

echo >&2
echo "ok: ${out#"$root"/} and ${generated_dir#"$root"/}/InnermostFFI.swift" >&2
if [ "$test_support" -eq 1 ]; then
  echo "NOTE: built with test-support (insecureFastKdfParamsForTests is exported)." >&2
  echo "      For tests only: rebuild without --test-support before building an app." >&2
fi
if [ ${#macos_targets[@]} -eq 0 ]; then
  echo "NOTE: no macOS slice (--no-macos): 'swift build'/'swift test' on the Mac will not link;" >&2
  echo "      build for an iOS destination with xcodebuild instead." >&2
fi
