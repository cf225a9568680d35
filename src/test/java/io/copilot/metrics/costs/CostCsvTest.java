package io.copilot.metrics.costs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV fields: quoted when they must be, and never run by a spreadsheet as a formula. */
class CostCsvTest {

    @Test
    void plainTextStaysAsItIs() {
        assertThat(field("gpt-4o")).isEqualTo("gpt-4o,");
        assertThat(field(null)).isEqualTo(",");
        assertThat(field("")).isEqualTo(",");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(field("a,b")).isEqualTo("\"a,b\",");
        assertThat(field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\",");
        assertThat(field("two\r\nlines")).isEqualTo("\"two\r\nlines\",");
    }

    @Test
    void formulasAreDefused() {
        assertThat(field("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\",");
        assertThat(field("+1")).isEqualTo("\"'+1\",");
        assertThat(field("-1")).isEqualTo("\"'-1\",");
        assertThat(field("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\",");
    }

    private static String field(String value) {
        StringBuilder line = new StringBuilder();
        CostCsv.text(line, value);
        return line.toString();
    }
}
