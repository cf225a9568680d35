package io.copilot.metrics.testsupport;

import java.util.UUID;

/** A tenant of fixtures/tenant.sql; all its ids derive from {@link #idPrefix()}. */
public record FixtureTenant(String idPrefix, String slug, String name) {

    public static final FixtureTenant ACME = new FixtureTenant("aaaaaaaa", "acme", "Acme");
    public static final FixtureTenant GLOBEX = new FixtureTenant("bbbbbbbb", "globex", "Globex");

    public UUID id() {
        return UUID.fromString(idPrefix + "-0000-4000-8000-000000000000");
    }

    public UUID userId() {
        return UUID.fromString(idPrefix + "-0000-4000-8000-0000000000a1");
    }

    public UUID conversationId() {
        return UUID.fromString(idPrefix + "-0000-4000-8000-00000000c001");
    }

    public UUID pathId() {
        return UUID.fromString(idPrefix + "-0000-4000-8000-00000000d001");
    }

    /** request.jwt.claims as the service sets them for this tenant's user. */
    public String claims() {
        return "{\"sub\":\"" + userId() + "\",\"tenant_id\":\"" + id() + "\",\"role\":\"authenticated\"}";
    }
}
