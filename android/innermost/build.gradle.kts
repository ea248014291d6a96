// :innermost — the Android library that wraps the Rust core for the Innermost app.
//
// What goes into the AAR:
//   * the Kotlin facade, src/main/kotlin/app/innermost/ (written by hand);
//   * the uniffi bindings, package app.innermost.ffi, generated at build time from the
//     host build of the `innermost-ffi` crate (bindings/ in the Rust workspace, which is
//     this Gradle build's parent directory) — task generateUniffiBindings;
//   * libinnermost_ffi.so for each ABI, cross-compiled with cargo-ndk — task cargoNdkBuild;
//   * consumer-rules.pro, applied by R8 in every app that minifies.
//
// Build types:
//   * debug, release: what apps consume. Same bindings, same release-profile .so files; AGP
//     strips the .so files when it packages them.
//   * host: exists only to run the JVM unit tests (src/test/kotlin) against the *host* build
//     of the library, compiled with `--features test-support` (the tests call
//     insecureFastKdfParamsForTests()). Its bindings come from that host library and it has
//     no Android .so at all, so it is never to be consumed by an app.
//
//   Why a separate build type: JNA binds every `external fun` of the generated UniffiLib
//   when the library loads, and one missing symbol fails the whole load. Bindings generated
//   with test-support therefore cannot run against the device libraries (built without it),
//   and test-support must never reach a device build. Keeping the test bindings in their own
//   variant keeps debug and release byte-for-byte free of it.
//
// Tasks (group "innermost"; inputs/outputs declared, so unchanged Rust is not rebuilt):
//   generateUniffiBindings   bindings/generate.sh --release            -> build/generated/uniffi/
//   cargoNdkBuild            cargo ndk ... build --release             -> build/generated/rust/jniLibs/
//   cargoHostBuildForTests   bindings/generate.sh --features test-support -> build/generated/uniffi-test/
//
// Prerequisites on the building machine (also in ../README.md):
//   rustup (the workspace's rust-version or newer), plus
//     rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
//     cargo install cargo-ndk
//   and the Android NDK given by `ndkVersion` below (SDK Manager, or `sdkmanager "ndk;<v>"`).
//   cargo-ndk finds it through ANDROID_NDK_HOME; when that is unset this script points it at
//   <sdk>/ndk/<ndkVersion> (sdk from local.properties' sdk.dir, ANDROID_HOME or
//   ANDROID_SDK_ROOT), so the NDK that links the Rust code is the one AGP strips it with.
//   bash runs bindings/generate.sh (Linux and macOS hosts, macOS's bash 3.2 included;
//   on Windows use WSL).

import com.android.build.api.variant.HasUnitTestBuilder
import java.io.StringReader
import java.util.Properties
import org.gradle.api.services.BuildService
import org.gradle.api.services.BuildServiceParameters
import org.gradle.api.tasks.testing.logging.TestExceptionFormat
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

// ---- Shared settings ---------------------------------------------------------------------

/**
 * The Rust workspace root: this module is android/innermost/ inside it. Taken from the
 * module's own directory, not rootDir, so it stays right when the module is part of another
 * Gradle build (composite build, see ../README.md).
 */
val workspaceRoot: File = projectDir.resolve("../..").normalize()

// Coordinates, for composite builds (includeBuild substitutes app.innermost:innermost with
// this project) and for publishing later. Keep the version in step with bindings/Cargo.toml.
group = "app.innermost"
version = "0.1.0"

/**
 * minSdk, and the API level cargo-ndk links the Rust library against (--platform), so the
 * .so never needs a libc symbol that is newer than the oldest device we install on.
 *
 * 26 (Android 8.0) is a product floor, not a hard limit of this module: Rust's Android
 * targets (API 21+), JNA and kotlinx-coroutines all run on older releases, and nothing in
 * the facade needs 26 today. What 26 gives us is java.time and java.nio.file without
 * core-library desugaring for the app code that builds on this module (the reminders, for
 * one), and one less generation of old devices to test. Lowering it (not below 21) needs
 * nothing in this file but this number.
 */
val minSdkLevel = 26

/** ABIs we ship: 64- and 32-bit ARM phones, and x86_64 for the emulator. */
val rustAbis = listOf("arm64-v8a", "armeabi-v7a", "x86_64")

/**
 * The NDK both for cargo-ndk (linking) and for AGP (stripping at packaging). r28 or newer
 * links arm64-v8a/x86_64 libraries with 16 KB page alignment by default, which Google Play
 * requires for apps targeting Android 15+; with an older NDK the .so would need
 * `-Wl,-z,max-page-size=16384`.
 */
val pinnedNdkVersion = "28.2.13676358" // r28c

// Everything generated lives under build/generated/ and is never committed.
// generate.sh's --out layout: kotlin/ (bindings), swift/ (unused here), lib/ (the host library).
val uniffiDir = layout.buildDirectory.dir("generated/uniffi")
val uniffiTestDir = layout.buildDirectory.dir("generated/uniffi-test")
// cargo-ndk's -o layout: <abi>/libinnermost_ffi.so
val rustJniLibsDir = layout.buildDirectory.dir("generated/rust/jniLibs")

/** Every file whose change can change the Rust library or its generated bindings. */
val rustInputs: FileCollection = files(
    fileTree(workspaceRoot.resolve("core/src")),
    fileTree(workspaceRoot.resolve("bindings/src")),
    workspaceRoot.resolve("Cargo.toml"),
    workspaceRoot.resolve("Cargo.lock"),
    workspaceRoot.resolve("core/Cargo.toml"),
    workspaceRoot.resolve("bindings/Cargo.toml"),
    workspaceRoot.resolve("bindings/uniffi.toml"),
    // Absent today; listed so that adding one of them invalidates the outputs.
    workspaceRoot.resolve("core/build.rs"),
    workspaceRoot.resolve("bindings/build.rs"),
    workspaceRoot.resolve(".cargo/config.toml"),
    workspaceRoot.resolve("rust-toolchain.toml"),
)

/**
 * Where rustup installs cargo. Android Studio started from the macOS Dock does not inherit
 * the login shell's PATH, so the cargo tasks put this directory in front of PATH (for the
 * cargo and rustc that generate.sh and cargo-ndk start), and cargoNdkBuild starts cargo by
 * absolute path (a child's PATH does not affect how the JVM finds the program it starts).
 */
val cargoBin: File = File(
    providers.environmentVariable("CARGO_HOME").orNull
        ?: "${providers.systemProperty("user.home").get()}/.cargo",
    "bin",
)
val cargoExecutable: String = cargoBin.resolve("cargo").takeIf { it.canExecute() }?.absolutePath ?: "cargo"
val pathWithCargo: String = listOfNotNull(cargoBin.path, providers.environmentVariable("PATH").orNull)
    .joinToString(File.pathSeparator)

/** ANDROID_NDK_HOME for cargo-ndk: the caller's, else the pinned NDK inside the SDK. */
val ndkHomeForCargo: String? = providers.environmentVariable("ANDROID_NDK_HOME").orNull ?: run {
    val localProperties = providers
        .fileContents(rootProject.layout.projectDirectory.file("local.properties"))
        .asText.orNull
    val sdkDir = localProperties?.let { text ->
        Properties().apply { load(StringReader(text)) }.getProperty("sdk.dir")
    } ?: providers.environmentVariable("ANDROID_HOME").orNull
        ?: providers.environmentVariable("ANDROID_SDK_ROOT").orNull
    sdkDir?.let { File(it, "ndk/$pinnedNdkVersion") }?.takeIf { it.isDirectory }?.absolutePath
}

/**
 * Runs the cargo tasks one at a time. They share the workspace's target/ directory, where
 * concurrent cargo runs only queue on its lock anyway, and the two generate.sh runs must
 * not interleave their build and bindgen steps. Matters once tasks of one project run in
 * parallel (configuration cache) or the module sits in a larger parallel build.
 */
abstract class CargoBuildService : BuildService<BuildServiceParameters.None>

val cargoService = gradle.sharedServices.registerIfAbsent("innermostCargo", CargoBuildService::class.java) {
    maxParallelUsages.set(1)
}

// ---- Android -----------------------------------------------------------------------------

android {
    namespace = "app.innermost"
    // CI compiles the Android-only sources (AndroidKeystoreBackend) against Robolectric's
    // android-all jar of the same API level: keep ANDROID_ALL_VERSION in
    // tests/kotlin/toolchain.sh in step when this changes.
    compileSdk = 35
    ndkVersion = pinnedNdkVersion

    defaultConfig {
        minSdk = minSdkLevel
        // Shipped inside the AAR; R8 applies it in every app that minifies (see the file).
        consumerProguardFiles("consumer-rules.pro")
    }

    buildTypes {
        release {
            // Libraries are not minified themselves: the app's R8 shrinks everything at once,
            // guided by consumer-rules.pro.
            isMinifyEnabled = false
        }
        // JVM unit tests against the host library with test-support (see the top of this
        // file). Default in Studio so the tests in src/test are live when this build is
        // opened on its own; an app that includes the module still selects debug/release.
        create("host") {
            initWith(getByName("debug"))
            isDefault = true
        }
    }

    sourceSets.configureEach {
        when (name) {
            "debug", "release" -> {
                kotlin.srcDir(uniffiDir.map { it.dir("kotlin") })
                jniLibs.srcDir(rustJniLibsDir)
            }
            "host" -> kotlin.srcDir(uniffiTestDir.map { it.dir("kotlin") })
            else -> {}
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    testOptions {
        // Robolectric (the reminders tests) reads the merged manifest and resources of the
        // module from what AGP prepares for unit tests: the receivers declared in
        // src/main/AndroidManifest.xml are then registered in the tests too.
        unitTests.isIncludeAndroidResources = true
    }

    lint {
        // Silences lint in the generated bindings only (e.g. NewApi on java.lang.ref.Cleaner,
        // which the generated code uses only after checking that it exists).
        lintConfig = file("lint.xml")
    }

    // Native libraries: cargoNdkBuild links them with the release profile (opt-level "z",
    // LTO, panic = "unwind", symbols kept: strip = false in the workspace's Cargo.toml), and
    // AGP strips them with the NDK's llvm-strip when it packages the AAR. Nothing sets
    // packaging.jniLibs.keepDebugSymbols, so stripping stays on. The unstripped copies in
    // build/generated/rust/jniLibs/ keep the symbol table (function names; no line tables,
    // the profile has debug = false): symbolicate native crash stacks with those.
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

androidComponents {
    // Unit tests only exist for the host variant: debug and release do not have the test-only
    // export the tests call, so their unit-test compilation could never succeed.
    beforeVariants { variant ->
        if (variant.buildType != "host") {
            (variant as HasUnitTestBuilder).enableUnitTest = false
        }
    }
}

// ---- Rust tasks --------------------------------------------------------------------------

/**
 * What every task that runs cargo shares: one at a time (cargoService), from the workspace
 * root, with rustup's cargo on PATH, and out of date whenever the Rust sources change.
 */
fun Exec.runsCargo() {
    group = "innermost"
    usesService(cargoService)
    workingDir = workspaceRoot
    environment("PATH", pathWithCargo)
    inputs.files(rustInputs).withPropertyName("rustInputs").withPathSensitivity(PathSensitivity.RELATIVE)
}

/** A cargo task that goes through bindings/generate.sh (its script is an input too). */
fun Exec.runsGenerateScript() {
    runsCargo()
    inputs.file(workspaceRoot.resolve("bindings/generate.sh")).withPropertyName("generateScript")
        .withPathSensitivity(PathSensitivity.NONE)
}

val generateUniffiBindings = tasks.register<Exec>("generateUniffiBindings") {
    runsGenerateScript()
    description = "Builds the host library (release profile, no features) and generates the " +
        "uniffi Kotlin bindings for debug/release into build/generated/uniffi/kotlin."
    val out = uniffiDir.get().asFile
    outputs.dir(out).withPropertyName("bindings")
    // The bindings are generated from the unstripped host library (uniffi reads metadata
    // symbols from it) with the same features as the device libraries: none. generate.sh
    // replaces out/kotlin, out/swift and out/lib on every run.
    commandLine("bash", "bindings/generate.sh", "--release", "--out", out.absolutePath)
}

val cargoNdkBuild = tasks.register<Exec>("cargoNdkBuild") {
    runsCargo()
    description = "Cross-compiles libinnermost_ffi.so (release profile) for ${rustAbis.joinToString()} " +
        "with cargo-ndk into build/generated/rust/jniLibs."
    val out = rustJniLibsDir.get().asFile
    ndkHomeForCargo?.let { environment("ANDROID_NDK_HOME", it) }
    inputs.property("abis", rustAbis)
    inputs.property("platform", minSdkLevel)
    inputs.property("ndkVersion", pinnedNdkVersion)
    outputs.dir(out).withPropertyName("jniLibs")
    // cargo-ndk only adds files: start empty so an ABI dropped from the list disappears.
    doFirst { out.deleteRecursively() }
    commandLine(
        listOf(cargoExecutable, "ndk") +
            rustAbis.flatMap { listOf("-t", it) } +
            listOf("--platform", minSdkLevel.toString(), "-o", out.absolutePath) +
            listOf("build", "--release", "-p", "innermost-ffi", "--lib"),
    )
}

val cargoHostBuildForTests = tasks.register<Exec>("cargoHostBuildForTests") {
    runsGenerateScript()
    description = "Builds the host library with --features test-support (dev profile) and " +
        "generates its bindings into build/generated/uniffi-test, for the JVM unit tests."
    val out = uniffiTestDir.get().asFile
    outputs.dir(out).withPropertyName("hostBuild")
    // Same command as CI's tests/kotlin/run.sh: dev profile (the KDF crates are optimised
    // even there), test-support on. out/lib holds the host library the tests load.
    commandLine("bash", "bindings/generate.sh", "--features", "test-support", "--out", out.absolutePath)
}

// Wiring. pre<Variant>Build is the first task of each variant, so compilation, lint and the
// IDE's source generation on sync all see the bindings. The NDK build hangs off the only
// step that consumes it, merging the jniLibs folders, so compiling, syncing and the host
// unit tests never need the NDK.
tasks.matching { it.name == "preDebugBuild" || it.name == "preReleaseBuild" }.configureEach {
    dependsOn(generateUniffiBindings)
}
tasks.matching { it.name == "preHostBuild" }.configureEach {
    dependsOn(cargoHostBuildForTests)
}
tasks.matching { it.name == "mergeDebugJniLibFolders" || it.name == "mergeReleaseJniLibFolders" }.configureEach {
    dependsOn(cargoNdkBuild)
}

// ---- Unit tests (JVM, JUnit 5 and Robolectric, host library through JNA) -----------------
//
// Two kinds of tests, one JUnit Platform run: JUnit 5 tests of the facade (plain JVM), and
// JUnit 4 tests with @RunWith(RobolectricTestRunner::class) for the reminders (AlarmManager,
// notifications, receivers), run by junit-vintage-engine. Robolectric downloads the
// android-all-instrumented jar for each API level a test asks for (@Config(sdk = [35]),
// [32]) from Maven Central on first use and caches it. JNA loads the host library inside
// Robolectric's sandbox the same way (jna.library.path below).

tasks.withType<Test>().configureEach {
    useJUnitPlatform()
    dependsOn(cargoHostBuildForTests)
    val hostLibDir = uniffiTestDir.get().dir("lib").asFile
    // Re-run the tests when the library under test changes.
    inputs.dir(hostLibDir).withPropertyName("hostLibrary").withPathSensitivity(PathSensitivity.RELATIVE)
    // JNA loads libinnermost_ffi.{so,dylib} from here.
    systemProperty("jna.library.path", hostLibDir.absolutePath)
    // Robolectric closes a ParcelFileDescriptor (ReportFilesTest reads a report back through
    // the FileProvider) by reflecting on java.io.FileDescriptor, which Java 17 allows only
    // when java.io is opened to it. Same flag in tests/kotlin/run.sh.
    jvmArgs("--add-opens=java.base/java.io=ALL-UNNAMED")
    testLogging {
        events("failed", "skipped")
        exceptionFormat = TestExceptionFormat.FULL
    }
}

// ---- Dependencies ------------------------------------------------------------------------

// JNA comes in two shapes. The AAR (implementation, below) carries libjnidispatch.so for
// every Android ABI, which is what apps need, but no desktop natives: its classes.jar
// cannot start JNA on a JVM. The JVM unit tests therefore run with the plain jar, whose
// com/sun/jna/<os-arch>/ resources hold the desktop libjnidispatch.
//
// Both are the same module (net.java.dev.jna:jna). Declared twice as module dependencies
// (jar for tests, AAR for main), Gradle resolves the module once and the test classpath can
// end up with only one artifact; projects that tried report the AAR winning (notably in
// Android Studio's test runs), and then JNA cannot start. So the jar is resolved in a
// configuration of its own and added to the test runtime as plain files, and the module is
// excluded from the unit-test runtime classpaths: at test run time there is exactly one
// JNA, the desktop one. Test compilation still sees the AAR's classes (identical API).
val jnaDesktop: Configuration by configurations.creating {
    description = "The desktop JNA jar, for the JVM unit tests only."
    isCanBeConsumed = false
    isCanBeResolved = true
    isTransitive = false
}

configurations.matching { it.name.endsWith("UnitTestRuntimeClasspath") }.configureEach {
    exclude(mapOf("group" to "net.java.dev.jna", "module" to "jna"))
}

dependencies {
    // Platform unlock needs no library here: the Android Keystore is part of the framework,
    // and the BiometricPrompt (androidx.biometric) stays in the app, which hands this module
    // a CipherAuthorizer. Keep it that way, so apps choose their own androidx.biometric.
    //
    // The generated bindings call the Rust library through JNA (>= 5.12). @aar so that
    // libjnidispatch.so for each ABI is packaged into the app.
    implementation("net.java.dev.jna:jna:${libs.versions.jna.get()}@aar")
    // api, not implementation: the facade's public signatures take CoroutineDispatcher.
    api(libs.kotlinx.coroutines.android)
    // FileProvider, for sharing report files (ReportFileProvider, ReportFiles). No androidx
    // type appears in the public API, hence implementation.
    implementation(libs.androidx.core)

    jnaDesktop(libs.jna)
    testRuntimeOnly(files(jnaDesktop))

    testImplementation(platform(libs.junit.bom))
    testImplementation(libs.junit.jupiter)
    // Gradle 9 no longer puts the JUnit Platform launcher on the test runtime by itself
    // (Gradle 8 warns about relying on it).
    testRuntimeOnly(libs.junit.platform.launcher)
    testImplementation(libs.kotlinx.coroutines.test)
    testImplementation(libs.robolectric)
    testImplementation(libs.junit4)
    testRuntimeOnly(libs.junit.vintage.engine)
}
