package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class OutageLogTest {

    @Test
    void anOutageIsLoggedByItsChangesOfStateNotPerRequest() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
        List<String> lines = new ArrayList<>();
        Logger log = new Logger("outage-log-test") {
            @Override
            protected void doLog(Level level, String loggerClassName, Object message, Object[] parameters,
                    Throwable thrown) {
                lines.add(level + " " + message);
            }

            @Override
            protected void doLogf(Level level, String loggerClassName, String format, Object[] parameters,
                    Throwable thrown) {
                lines.add(level + " " + String.format(format, parameters));
            }

            @Override
            public boolean isEnabled(Level level) {
                return true;
            }
        };
        OutageLog outage = new OutageLog(log, "Database", Duration.ofSeconds(30),
                now::get);
        IOException refused = new ConnectException("Connection refused");

        outage.answered();
        for (int second = 0; second < 65; second++) {
            now.set(now.get().plusSeconds(1));
            for (int request = 0; request < 20; request++) {
                outage.failed(refused);
            }
        }
        outage.answered();
        outage.answered();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("Database unavailable").contains("Connection refused");
        assertThat(lines.get(1)).contains("still unavailable after 30 s").contains("refused");
        assertThat(lines.get(2)).contains("still unavailable after 60 s");
        assertThat(lines.get(3)).contains("available again after 64 s");
    }
}
