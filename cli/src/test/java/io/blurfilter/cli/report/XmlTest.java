package io.blurfilter.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Report paths wrap after their separators, not mid-word (issue 19, item 12). */
class XmlTest {
    @Test
    void pathsMayWrapAfterSeparatorsOnly() {
        assertEquals("/<wbr/>photos/<wbr/>2024/<wbr/>summer_<wbr/>beach-<wbr/>IMG.<wbr/>jpg",
                Xml.escapePath("/photos/2024/summer_beach-IMG.jpg"));
        assertEquals("a &amp; b/<wbr/>&lt;c&gt;", Xml.escapePath("a & b/<c>"));
    }
}
