// The Android build of Innermost: one library module, :innermost (the Kotlin shell over the
// Rust core). The Rust workspace is this directory's parent; see innermost/build.gradle.kts.

pluginManagement {
    repositories {
        // AGP and its dependencies live on Google's Maven repository only; the content
        // filter keeps Gradle from asking it for anything else.
        google {
            content {
                includeGroupByRegex("com\\.android.*")
                includeGroupByRegex("com\\.google.*")
                includeGroupByRegex("androidx.*")
            }
        }
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    // Repositories are declared here, once, for every module.
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "innermost-android"
include(":innermost")
