package io.copilot.metrics.tenancy;

import static io.copilot.metrics.tenancy.SqlFragment.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SqlFragmentTest {

    @Test
    void placeholdersAreNumberedWhenTheStatementIsRendered() {
        SqlFragment where = SqlFragment.join(" AND ", List.of(sql("a = ?", 1), sql("b BETWEEN ? AND ?", 2, 3)));
        SqlFragment statement = sql("SELECT * FROM t WHERE ").append(where).append(" LIMIT ?", 4);

        assertThat(statement.statement()).isEqualTo("SELECT * FROM t WHERE a = $1 AND b BETWEEN $2 AND $3 LIMIT $4");
        assertThat(statement.parameters()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aFragmentUsedTwiceGetsFreshNumbers() {
        SqlFragment condition = sql("x = ?", "v");
        SqlFragment statement = SqlFragment.join(" OR ", List.of(condition, condition));
        assertThat(statement.statement()).isEqualTo("x = $1 OR x = $2");
        assertThat(statement.parameters()).containsExactly("v", "v");
    }

    @Test
    void nullParametersAreKept() {
        SqlFragment statement = sql("f(?, ?)", null, 1);
        assertThat(statement.parameters()).isEqualTo(Arrays.asList(null, 1));
        assertThat(statement.tuple().size()).isEqualTo(2);
    }

    @Test
    void placeholdersAndParametersMustMatch() {
        assertThatThrownBy(() -> sql("a = ? AND b = ?", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sql("a = 1", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
