#!/usr/bin/env bash
# tests/kotlin/toolchain.sh — fetch the pinned toolchain for the Kotlin binding tests.
#
# What it is for:
#   CI cannot run Gradle, so the uniffi-generated Kotlin bindings are compiled
#   with a plain kotlinc and tested with the JUnit 5 console launcher on a plain
#   JVM (Java 17), loading the host .so through JNA. This script installs, under
#   ${INNERMOST_TOOLS:-<repo root>/target/tools}/kotlin/:
#     - the Kotlin compiler (kotlinc), from the npm package `kotlin-compiler`
#       (its npm "bin" is only kotlinc-js, so we `npm pack` and unpack it);
#     - JNA, the JUnit Platform console standalone jar, kotlinx-coroutines core
#       and test jars, fetched with the ordinary Maven client (`mvn`, through the
#       dependency plugin) — no repository host is named here; mvn's own
#       configuration decides where they come from;
#     - Robolectric's android-all jar for API 35 (the module's compileSdk), the
#       Android framework as a plain jar: it is only on the *compile* classpath,
#       so that the shell's Android-only classes (AndroidKeystoreBackend) are
#       type-checked by kotlinc like everything else. No test runs them. It is
#       large (about 185 MB, some 12 s to download once; it lands in Maven's
#       local repository and, copied, here) and adds a few seconds to each
#       compile.
#     - Robolectric (org.robolectric:robolectric) with its transitive dependencies
#       and JUnit 4, for the reminders tests (android/innermost/src/test/.../
#       Reminder*Test.kt): one `mvn dependency:copy-dependencies` over a tiny
#       generated pom into robolectric-<version>/ (the two androidx.test .aar files
#       it depends on are unpacked to their classes.jar). The JUnit 4 tests run in
#       the same console launcher through the vintage engine that the standalone
#       jar already contains, so no junit-vintage-engine jar is fetched;
#     - androidx.core (for the reports' FileProvider, android/innermost/src/main/
#       .../ReportFiles.kt): its .aar through mvn, without dependencies (FileProvider
#       needs none at run time), unpacked to its classes.jar. Only the classes: its
#       resources and manifest play no part in the JVM tests;
#     - the android-all-instrumented jars Robolectric runs those tests on (API 35,
#       the compileSdk, and API 32, just below POST_NOTIFICATIONS), into
#       robolectric-sdk/. Robolectric would download them itself at run time;
#       run.sh instead sets robolectric.offline=true and
#       robolectric.dependency.dir to that directory, so a test run never
#       reaches the network. About 200 + 155 MB, fetched once.
#   Every step is skipped when its result is already there (marker file or the
#   final jar), so a second run takes about a second. Safe to run repeatedly
#   and concurrently (an flock serialises installs).
#
#   Progress goes to stderr; stdout gets only shell-evaluable assignments:
#     vars="$(tests/kotlin/toolchain.sh)" && eval "$vars"
#     # -> KOTLIN_HOME KOTLINC KOTLIN_STDLIB JNA_JAR JUNIT_CONSOLE
#     #    COROUTINES_JAR COROUTINES_TEST_JAR ANDROID_ALL_JAR ANDROIDX_CORE_JAR
#     #    ROBOLECTRIC_CLASSPATH ROBOLECTRIC_SDK_DIR
#     #    (+ the pinned *_VERSION values)
#
# What it is not for:
#   It does not build the Rust library, generate bindings, compile or run any
#   test — callers do that with the paths printed here. It does not install
#   Java, node/npm or Maven (those come from the machine's packages), does not
#   touch anything outside the tools directory (besides npm's and Maven's own
#   caches), and does not pick "latest" versions at run time: bump the pins
#   below by hand.
#
# Requirements: bash, java (17+), and on a first run npm, tar and mvn.
set -euo pipefail

# ---- pinned versions --------------------------------------------------------
KOTLIN_VERSION=2.4.20          # npm: kotlin-compiler (newest stable 2.x)
JNA_VERSION=5.19.1             # net.java.dev.jna:jna
JUNIT_CONSOLE_VERSION=1.14.4   # org.junit.platform:junit-platform-console-standalone (JUnit 5.14.x)
COROUTINES_VERSION=1.11.0      # org.jetbrains.kotlinx:kotlinx-coroutines-{core,test}-jvm
# org.robolectric:android-all: Android 15 = API 35, the compileSdk in
# android/innermost/build.gradle.kts. Bump the two together.
ANDROID_ALL_VERSION=15-robolectric-12650502
# org.robolectric:robolectric 4.16 runs API 35 on Java 17 (its API 36 needs Java 21).
# Each Robolectric release names the android-all-instrumented build it runs per API
# level (DefaultSdkProvider): bump ROBOLECTRIC_SDKS together with it.
ROBOLECTRIC_VERSION=4.16
JUNIT4_VERSION=4.13.2          # junit:junit, for @RunWith(RobolectricTestRunner::class)
ROBOLECTRIC_SDKS="15-robolectric-13954326-i7 12.1-robolectric-8229987-i7"
# androidx.core:core (FileProvider), as `androidx-core` in android/gradle/libs.versions.toml.
# 1.16.x needs compileSdk 35; 1.17 needs 36.
ANDROIDX_CORE_VERSION=1.16.0
# Pinned so the `copy` goal (with -Dartifact) behaves the same everywhere;
# Maven 3.8's default dependency plugin (2.8) is much older.
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

# ---- locations --------------------------------------------------------------
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
TOOLS=${INNERMOST_TOOLS:-$REPO_ROOT/target/tools}
KT_DIR=$TOOLS/kotlin
KOTLIN_HOME=$KT_DIR/kotlinc-$KOTLIN_VERSION
JARS_DIR=$KT_DIR/jars

log() { printf 'toolchain.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH (needed to $2)"; }

need java "run kotlinc and the tests"
mkdir -p "$KT_DIR" "$JARS_DIR"

# Serialise concurrent runs (e.g. two test scripts starting at once); while
# holding the lock, scratch dirs left by killed runs can be cleared safely.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$KT_DIR/.lock"
    flock 9
    rm -rf "$KT_DIR"/.tmp.*
fi

# Scratch space on the same filesystem, so finished results can be mv'ed in
# atomically; removed on exit whatever happens.
SCRATCH=$(mktemp -d "$KT_DIR/.tmp.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
scratch() { mktemp -d "$SCRATCH/$1.XXXXXX"; }

# ---- 1. Kotlin compiler from the npm package --------------------------------
install_kotlinc() {
    local marker=$KOTLIN_HOME/.innermost-installed
    if [ -f "$marker" ]; then
        log "kotlinc $KOTLIN_VERSION already installed"
        return
    fi
    need npm "fetch the kotlin-compiler package"
    need tar "unpack the kotlin-compiler package"
    log "installing kotlinc $KOTLIN_VERSION (npm pack kotlin-compiler@$KOTLIN_VERSION)..."
    local work tgz
    work=$(scratch kotlinc)
    (cd "$work" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION") >&2 \
        || die "npm pack kotlin-compiler@$KOTLIN_VERSION failed"
    tgz=$(find "$work" -maxdepth 1 -name 'kotlin-compiler-*.tgz' | head -n 1)
    [ -n "$tgz" ] || die "npm pack produced no tarball"
    tar -xzf "$tgz" -C "$work"
    [ -f "$work/package/bin/kotlinc" ] || die "package has no bin/kotlinc"
    [ -f "$work/package/lib/kotlin-stdlib.jar" ] || die "package has no lib/kotlin-stdlib.jar"
    # npm tarballs usually keep modes, but make sure every launcher is executable.
    find "$work/package/bin" -type f ! -name '*.bat' -exec chmod +x {} +
    # Smoke test before declaring it installed.
    local ver
    ver=$("$work/package/bin/kotlinc" -version 2>&1) || die "kotlinc -version failed: $ver"
    log "  $ver"
    rm -rf "$KOTLIN_HOME"               # a partial install from an interrupted run
    mv "$work/package" "$KOTLIN_HOME"
    printf '%s\n' "$KOTLIN_VERSION" >"$marker"
}

# ---- 2. jars through the Maven client ---------------------------------------
# mvn_copy COORDINATES DIR: the artifact alone (no dependencies) into DIR, or the Maven
# client's log and a stop.
mvn_copy() {
    local coordinates=$1 work=$2
    if ! mvn -B -q -Dstyle.color=never "$DEPENDENCY_PLUGIN:copy" \
            -Dartifact="$coordinates" \
            -DoutputDirectory="$work" >"$work.log" 2>&1; then
        cat "$work.log" >&2
        die "mvn could not fetch $coordinates"
    fi
}

# fetch_jar GROUP ARTIFACT VERSION -> $JARS_DIR/ARTIFACT-VERSION.jar
# The final jar itself is the marker: it only appears (by mv) once complete.
fetch_jar() {
    local group=$1 artifact=$2 version=$3
    local dest=$JARS_DIR/$artifact-$version.jar
    if [ -s "$dest" ]; then
        log "$artifact $version already present"
        return
    fi
    need mvn "fetch $group:$artifact:$version"
    log "fetching $group:$artifact:$version with mvn..."
    local work
    work=$(scratch "$artifact")
    mvn_copy "$group:$artifact:$version" "$work"
    [ -s "$work/$artifact-$version.jar" ] || die "mvn did not produce $artifact-$version.jar"
    mv "$work/$artifact-$version.jar" "$dest"
}

# fetch_aar_classes GROUP ARTIFACT VERSION -> $JARS_DIR/GROUP.ARTIFACT-VERSION.jar, the
# classes.jar of an Android library (.aar), without its dependencies. Named with the
# group, since AndroidX artifact names alone ("core") say little.
fetch_aar_classes() {
    local group=$1 artifact=$2 version=$3
    local dest=$JARS_DIR/$group.$artifact-$version.jar
    if [ -s "$dest" ]; then
        log "$group:$artifact $version already present"
        return
    fi
    need mvn "fetch $group:$artifact:$version"
    need unzip "unpack $group:$artifact:$version"
    log "fetching $group:$artifact:$version (aar) with mvn..."
    local work
    work=$(scratch "$artifact")
    mvn_copy "$group:$artifact:$version:aar" "$work"
    [ -s "$work/$artifact-$version.aar" ] || die "mvn did not produce $artifact-$version.aar"
    unzip -p "$work/$artifact-$version.aar" classes.jar >"$work/classes.jar" \
        || die "no classes.jar in $artifact-$version.aar"
    [ -s "$work/classes.jar" ] || die "empty classes.jar in $artifact-$version.aar"
    mv "$work/classes.jar" "$dest"
}

# ---- 3. Robolectric and the SDK jars it runs on --------------------------------
# install_robolectric -> $ROBO_DIR/*.jar (marker: $ROBO_DIR/.innermost-installed)
ROBO_DIR=$KT_DIR/robolectric-$ROBOLECTRIC_VERSION
ROBO_SDK_DIR=$KT_DIR/robolectric-sdk
install_robolectric() {
    if [ -f "$ROBO_DIR/.innermost-installed" ]; then
        log "robolectric $ROBOLECTRIC_VERSION already present"
        return
    fi
    need mvn "fetch Robolectric $ROBOLECTRIC_VERSION"
    need unzip "unpack the androidx.test .aar files Robolectric depends on"
    log "fetching robolectric $ROBOLECTRIC_VERSION and its dependencies with mvn..."
    local work
    work=$(scratch robolectric)
    cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>app.innermost.tools</groupId>
  <artifactId>robolectric-classpath</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.robolectric</groupId>
      <artifactId>robolectric</artifactId>
      <version>$ROBOLECTRIC_VERSION</version>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>$JUNIT4_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
    if ! mvn -B -q -Dstyle.color=never -f "$work/pom.xml" "$DEPENDENCY_PLUGIN:copy-dependencies" \
            -DincludeScope=runtime -DoutputDirectory="$work/jars" >"$work.log" 2>&1; then
        cat "$work.log" >&2
        die "mvn could not fetch robolectric $ROBOLECTRIC_VERSION"
    fi
    [ -s "$work/jars/robolectric-$ROBOLECTRIC_VERSION.jar" ] || die "mvn did not produce robolectric-$ROBOLECTRIC_VERSION.jar"
    local aar
    for aar in "$work"/jars/*.aar; do
        [ -e "$aar" ] || continue
        unzip -p "$aar" classes.jar >"${aar%.aar}.jar" || die "no classes.jar in $(basename "$aar")"
        rm -f "$aar"
    done
    touch "$work/jars/.innermost-installed"
    rm -rf "$ROBO_DIR"
    mv "$work/jars" "$ROBO_DIR"
}

# fetch_sdk VERSION -> $ROBO_SDK_DIR/android-all-instrumented-VERSION.jar, the file
# name Robolectric looks for in robolectric.dependency.dir when offline.
fetch_sdk() {
    local version=$1
    local name=android-all-instrumented-$version.jar
    if [ -s "$ROBO_SDK_DIR/$name" ]; then
        log "$name already present"
        return
    fi
    need mvn "fetch org.robolectric:android-all-instrumented:$version"
    log "fetching org.robolectric:android-all-instrumented:$version with mvn..."
    local work
    work=$(scratch sdk)
    mvn_copy "org.robolectric:android-all-instrumented:$version" "$work"
    [ -s "$work/$name" ] || die "mvn did not produce $name"
    mkdir -p "$ROBO_SDK_DIR"
    mv "$work/$name" "$ROBO_SDK_DIR/$name"
}

install_kotlinc
fetch_jar net.java.dev.jna jna "$JNA_VERSION"
fetch_jar org.junit.platform junit-platform-console-standalone "$JUNIT_CONSOLE_VERSION"
fetch_jar org.jetbrains.kotlinx kotlinx-coroutines-core-jvm "$COROUTINES_VERSION"
fetch_jar org.jetbrains.kotlinx kotlinx-coroutines-test-jvm "$COROUTINES_VERSION"
fetch_jar org.robolectric android-all "$ANDROID_ALL_VERSION"
fetch_aar_classes androidx.core core "$ANDROIDX_CORE_VERSION"
install_robolectric
for sdk in $ROBOLECTRIC_SDKS; do fetch_sdk "$sdk"; done

# ---- 4. report (stdout only) ------------------------------------------------
emit() { printf '%s=%q\n' "$1" "$2"; }
emit KOTLIN_VERSION "$KOTLIN_VERSION"
emit JNA_VERSION "$JNA_VERSION"
emit JUNIT_CONSOLE_VERSION "$JUNIT_CONSOLE_VERSION"
emit COROUTINES_VERSION "$COROUTINES_VERSION"
emit ANDROID_ALL_VERSION "$ANDROID_ALL_VERSION"
emit KOTLIN_HOME "$KOTLIN_HOME"
emit KOTLINC "$KOTLIN_HOME/bin/kotlinc"
emit KOTLIN_STDLIB "$KOTLIN_HOME/lib/kotlin-stdlib.jar"
emit JNA_JAR "$JARS_DIR/jna-$JNA_VERSION.jar"
emit JUNIT_CONSOLE "$JARS_DIR/junit-platform-console-standalone-$JUNIT_CONSOLE_VERSION.jar"
emit COROUTINES_JAR "$JARS_DIR/kotlinx-coroutines-core-jvm-$COROUTINES_VERSION.jar"
emit COROUTINES_TEST_JAR "$JARS_DIR/kotlinx-coroutines-test-jvm-$COROUTINES_VERSION.jar"
emit ANDROID_ALL_JAR "$JARS_DIR/android-all-$ANDROID_ALL_VERSION.jar"
emit ANDROIDX_CORE_VERSION "$ANDROIDX_CORE_VERSION"
emit ANDROIDX_CORE_JAR "$JARS_DIR/androidx.core.core-$ANDROIDX_CORE_VERSION.jar"
emit ROBOLECTRIC_VERSION "$ROBOLECTRIC_VERSION"
emit ROBOLECTRIC_CLASSPATH "$(find "$ROBO_DIR" -maxdepth 1 -name '*.jar' | LC_ALL=C sort | paste -sd: -)"
emit ROBOLECTRIC_SDK_DIR "$ROBO_SDK_DIR"
