// Top-level build file: declares the plugins (versions in gradle/libs.versions.toml) without
// applying them; each module applies what it needs.
plugins {
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.android) apply false
}
