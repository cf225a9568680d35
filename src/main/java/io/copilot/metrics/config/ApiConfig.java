package io.copilot.metrics.config;

import java.time.Instant;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the GraphQL API: one setting each, read by the checks and stated in the schema's descriptions. */
@ConfigMapping(prefix = "copilot-metrics.api")
public interface ApiConfig {

    /** Page size of connections and lists when the caller gives none. */
    @WithDefault("20")
    int defaultPageSize();

    /** Largest page size (and topSpendingTenants limit) a caller may ask for. */
    @WithDefault("100")
    int maxPageSize();

    /** Tenants topSpendingTenants ranks when the caller gives no limit. */
    @WithDefault("10")
    int defaultTopLimit();

    /** Time range of aggregates when the caller gives no "from", counted back from "to". */
    @WithDefault("30")
    int defaultRangeDays();

    /** Earliest instant an argument may name (no cost predates it). */
    @WithDefault("1970-01-01T00:00:00Z")
    Instant earliestInstant();

    /** Latest instant an argument may name (a range may end there). */
    @WithDefault("2200-01-01T00:00:00Z")
    Instant latestInstant();

    /** Most buckets one costSeries may answer (HOUR over a year is 8,760). */
    @WithDefault("10000")
    int maxSeriesBuckets();

    /** Longest string argument (names, ids, cursors, time zones). */
    @WithDefault("256")
    int maxStringLength();

    /** Deepest selection a query may nest. */
    @WithDefault("10")
    int maxDepth();

    /** Highest cost a query may have: each field costs 1, each root field {@link #databaseFieldCost()}. */
    @WithDefault("500")
    int maxComplexity();

    /** Cost of a root field, which runs one SQL statement: bounds the statements of one request. */
    @WithDefault("25")
    int databaseFieldCost();

    /** Longest the verification of a token may take (keys fetched from a slow provider); then 503. */
    @WithDefault("4s")
    java.time.Duration tokenVerificationTimeout();

    /**
     * Bearer tokens remembered as verified until they expire, so a dashboard's token is verified
     * once, not on every request (tenancy.VerifiedTokens); 0 verifies every request.
     */
    @WithDefault("1000")
    int verifiedTokens();

    /**
     * CSV exports that may run at once on an instance; each holds a pooled connection for as long
     * as its download takes, so they must leave the pool to the dashboards. Over it: 429.
     */
    @WithDefault("2")
    int maxConcurrentExports();

    /** Key signing page cursors; without one each instance signs with its own random key. */
    Optional<String> cursorKey();
}
