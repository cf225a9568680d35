package io.copilot.metrics.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every API read goes through the metrics schema: no string in the service's Java code names a
 * relation of copilot_internal (or the private schema). The SQL logic lives in the migrations,
 * where the views and their range functions are one definition each.
 */
class MetricsSchemaOnlyTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|\"\"\"(?s:.*?)\"\"\"");

    @Test
    void noJavaStringNamesAnInternalRelation() throws IOException {
        List<String> offenders = new ArrayList<>();
        int sqlStrings = 0;
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher literal = STRING_LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    String text = literal.group();
                    if (text.contains("metrics.")) {
                        sqlStrings++;
                    }
                    if (text.contains("copilot_internal") || text.contains("copilot_private")) {
                        offenders.add(MAIN.relativize(file) + ": " + text);
                    }
                }
            }
        }
        assertThat(sqlStrings).as("the scan sees the repositories' SQL").isGreaterThanOrEqualTo(10);
        assertThat(offenders).isEmpty();
    }
}
