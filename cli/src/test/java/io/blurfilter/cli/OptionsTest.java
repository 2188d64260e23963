package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static Options parse(String... args) throws UsageException {
        return Options.parse("scan", List.of(args), Set.of("--quiet", "--recursive"), Set.of("--threads", "--format"),
                Map.of("-r", "--recursive"));
    }

    @Test
    void readsFlagsValuesAndPositionals() throws UsageException {
        Options o = parse("a", "--threads", "3", "-r", "--format=csv", "b", "--", "--quiet");
        assertEquals(List.of("a", "b", "--quiet"), o.positionals());
        assertTrue(o.has("--recursive"));
        assertEquals(3, o.intValue("--threads", 1, 1, 8));
        assertEquals("csv", o.choice("--format", "table", List.of("table", "csv")));
    }

    @Test
    void explainsEveryMistake() {
        assertMessage("scan: unknown option --frobnicate (see blurfilter scan --help)", "--frobnicate");
        assertMessage("scan: option --threads needs a value", "--threads");
        assertMessage("scan: option --threads given twice", "--threads", "1", "--threads", "2");
        assertMessage("scan: option --quiet takes no value", "--quiet=yes");
        UsageException e = assertThrows(UsageException.class, () -> parse("--threads", "x").intValue("--threads", 1, 1, 8));
        assertEquals("scan: --threads needs a whole number, got 'x'", e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("--threads", "0").intValue("--threads", 1, 1, 8));
        assertEquals("scan: --threads must be between 1 and 8, got 0", e.getMessage());
        e = assertThrows(UsageException.class,
                () -> parse("--format", "xml").choice("--format", "table", List.of("table", "csv")));
        assertEquals("scan: --format must be one of table, csv, got 'xml'", e.getMessage());
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));
        assertEquals(expected, e.getMessage());
    }
}
