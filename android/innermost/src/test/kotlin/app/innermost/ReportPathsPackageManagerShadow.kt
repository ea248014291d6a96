package app.innermost

import android.app.ApplicationPackageManager
import android.content.pm.ApplicationInfo
import android.content.res.XmlResourceParser
import org.robolectric.annotation.Implementation
import org.robolectric.annotation.Implements
import org.robolectric.shadows.ShadowApplicationPackageManager

/**
 * Robolectric's package manager, plus the one XML resource a `FileProvider` reads: the
 * library's `res/xml/innermost_report_paths.xml`, parsed from the source file under the id
 * [REPORT_PATHS_XML]. Without Gradle there are no compiled resources, so this is how
 * [ReportFilesTest] runs the real provider on the real paths file
 * (`@Config(shadows = [ReportPathsPackageManagerShadow::class])`).
 */
@Implements(value = ApplicationPackageManager::class, isInAndroidSdk = false)
class ReportPathsPackageManagerShadow : ShadowApplicationPackageManager() {
    /** `PackageManager.getXml`: the paths file for [REPORT_PATHS_XML], null for any other id. */
    @Implementation
    fun getXml(packageName: String?, resid: Int, appInfo: ApplicationInfo?): XmlResourceParser? =
        if (resid == REPORT_PATHS_XML) SourceXmlResourceParser.of(ModuleSources.file(REPORT_PATHS_FILE)) else null

    companion object {
        /** The id the tests give `@xml/innermost_report_paths` (any value in the app's range). */
        const val REPORT_PATHS_XML: Int = 0x7f140001

        /** Where the resource is, under the module. */
        const val REPORT_PATHS_FILE: String = "src/main/res/xml/innermost_report_paths.xml"
    }
}
