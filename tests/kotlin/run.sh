#!/usr/bin/env bash
# Compiles the Android shell's Kotlin (the facade in android/innermost/src/main and its
# JUnit 5 tests in android/innermost/src/test) together with the uniffi-generated Kotlin,
# and runs the tests on the JVM against the freshly built host library through JNA.
#
#   tests/kotlin/run.sh [--no-build]     (--no-build: reuse target/bindings as it is)
#
# This is how CI checks the Android side without Gradle or an Android SDK: the same
# sources the Gradle module compiles. The Android framework classes come from
# Robolectric's android-all jar (see toolchain.sh) on the compile classpath.
#
# Two kinds of tests run in one JUnit console launcher:
#   - JUnit 5 tests of the facade, on the plain JVM (no Android class involved; the
#     Keystore code is tested through SoftwareKeyBackend);
#   - JUnit 4 tests with @RunWith(RobolectricTestRunner::class) for the reminders
#     (AlarmManager, notifications, receivers) and the report files (their FileProvider,
#     from androidx.core's classes.jar), run by the vintage engine inside the
#     standalone jar. Robolectric runs them on android-all-instrumented jars that
#     toolchain.sh fetched: robolectric.offline=true with robolectric.dependency.dir
#     keeps it from downloading anything. JNA loads the host library inside
#     Robolectric's sandbox class loader as it does outside (jna.library.path).
#     The plain android-all jar is also on the run classpath: JUnit reads @Config
#     (whose defaults name android.app.Application) before Robolectric's sandbox
#     exists, as android.jar would be in a Gradle test run.
# Ends with a line "kotlin: N passed, M failed", counting both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [ "${1:-}" != "--no-build" ]; then
  bindings/generate.sh --features test-support
fi
vars="$(tests/kotlin/toolchain.sh)" && eval "$vars"

out="$root/target/kotlin-tests"
rm -rf "$out"
mkdir -p "$out/classes"
echo "kotlin: compiling generated bindings + android shell + tests" >&2
"$KOTLINC" -jvm-target 17 -nowarn \
  -cp "$JUNIT_CONSOLE:$COROUTINES_JAR:$COROUTINES_TEST_JAR:$JNA_JAR:$ANDROIDX_CORE_JAR:$ROBOLECTRIC_CLASSPATH:$ANDROID_ALL_JAR" \
  -d "$out/classes" \
  target/bindings/kotlin \
  android/innermost/src/main/kotlin \
  android/innermost/src/test/kotlin

# --add-opens java.io: Robolectric closes a ParcelFileDescriptor (ReportFilesTest reads a
# report back through the FileProvider) by reflecting on java.io.FileDescriptor.
set +e
java --add-opens=java.base/java.io=ALL-UNNAMED \
  -Djna.library.path="$root/target/bindings/lib" \
  -Drobolectric.offline=true -Drobolectric.dependency.dir="$ROBOLECTRIC_SDK_DIR" \
  -jar "$JUNIT_CONSOLE" execute \
  --disable-banner --disable-ansi-colors --fail-if-no-tests --details=tree \
  --config=junit.platform.discovery.issue.severity.critical=WARNING \
  --class-path "$out/classes:$KOTLIN_STDLIB:$COROUTINES_JAR:$COROUTINES_TEST_JAR:$JNA_JAR:$ANDROIDX_CORE_JAR:$ROBOLECTRIC_CLASSPATH:$ANDROID_ALL_JAR" \
  --select-package app.innermost 2>&1 | tee "$out/junit.txt"
status=${PIPESTATUS[0]}
set -e
passed=$(sed -n 's/^\[ *\([0-9]*\) tests successful *\]$/\1/p' "$out/junit.txt" | tail -n1)
failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed *\]$/\1/p' "$out/junit.txt" | tail -n1)
echo "kotlin: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
