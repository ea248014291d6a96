package app.innermost

import android.content.res.XmlResourceParser
import android.util.AttributeSet
import android.util.Xml
import java.io.File
import java.io.Reader
import org.xmlpull.v1.XmlPullParser

/**
 * An [XmlResourceParser] over an XML file as written in `res/xml/`, for Robolectric runs
 * that have no compiled resources (tests/kotlin/run.sh builds no APK). Namespaces are
 * processed, as in a compiled resource, so `getAttributeValue(null, "path")` finds the
 * plain attributes a `FileProvider` reads.
 */
class SourceXmlResourceParser private constructor(
    private val parser: XmlPullParser,
    private val input: Reader,
) : XmlResourceParser, XmlPullParser by parser, AttributeSet by Xml.asAttributeSet(parser) {

    /** Members both interfaces declare: answered by the pull parser. */
    override fun getAttributeCount(): Int = parser.attributeCount

    override fun getAttributeName(index: Int): String? = parser.getAttributeName(index)

    override fun getAttributeValue(index: Int): String? = parser.getAttributeValue(index)

    override fun getAttributeValue(namespace: String?, name: String?): String? = parser.getAttributeValue(namespace, name)

    override fun getAttributeNamespace(index: Int): String? = parser.getAttributeNamespace(index)

    override fun getPositionDescription(): String? = parser.positionDescription

    override fun close() = input.close()

    companion object {
        /** A parser at the start of [file]. */
        fun of(file: File): SourceXmlResourceParser {
            val input = file.bufferedReader()
            val parser = Xml.newPullParser()
            parser.setFeature(XmlPullParser.FEATURE_PROCESS_NAMESPACES, true)
            parser.setInput(input)
            return SourceXmlResourceParser(parser, input)
        }
    }
}
