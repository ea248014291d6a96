package app.innermost

import java.io.File

/**
 * Files of this module's sources (the manifest, resources) for tests that check them: found
 * from the module directory (a Gradle test run) or the repository root (tests/kotlin/run.sh).
 */
object ModuleSources {
    /** The file at [path] under `android/innermost/`, e.g. `src/main/AndroidManifest.xml`. */
    fun file(path: String): File =
        listOf(File(path), File("android/innermost", path)).firstOrNull { it.isFile }
            ?: error("$path not found from ${File("").absolutePath}")
}
