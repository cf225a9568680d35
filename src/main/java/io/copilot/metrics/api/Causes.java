package io.copilot.metrics.api;

import java.util.function.Predicate;

import io.vertx.core.impl.NoStackTraceThrowable;

/** Questions about a failure's cause chain, asked by the edge's translations of dependency failures. */
final class Causes {

    private Causes() {
    }

    static boolean any(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /** A wait that ran out: java.util.concurrent, Netty and Vert.x timeouts (Vert.x's pool: "Timeout"). */
    static boolean isTimeout(Throwable cause) {
        return cause.getClass().getSimpleName().contains("Timeout")
                || cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage());
    }
}
