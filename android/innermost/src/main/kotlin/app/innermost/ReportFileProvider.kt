package app.innermost

// The content provider that serves report files to the app a person shares them with.

import androidx.core.content.FileProvider

/**
 * The library's `FileProvider` for report files, declared in its manifest with the
 * authority `<applicationId>.innermost.reports` ([ReportFiles.authority]), not exported,
 * granting URI permissions, and limited to `filesDir/reports/` by
 * `res/xml/innermost_report_paths.xml`.
 *
 * A class of its own rather than `androidx.core.content.FileProvider` itself: the manifest
 * merger matches providers by class name, so an app that declares its own `FileProvider`
 * would otherwise clash with this one. Apps never use it directly: [ReportFiles] builds
 * the URIs and the share intent.
 */
class ReportFileProvider : FileProvider()
