package io.copilot.metrics.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.ExternalProcess;
import io.copilot.metrics.testsupport.ThrowawayDatabase;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * The real thing: Keycloak (the Maven Central distribution, importing docker/keycloak's realm)
 * issues tokens by password grant; the packaged service, started as a process against a fresh
 * database holding the demo data, accepts them unchanged and keeps tenants apart; and the
 * Postman collection passes under newman with such a token. A service account's
 * client-credentials token records usage that the tenant's user then sees.
 */
class KeycloakEndToEndIT {

    private static final String ACME = "a0000000-0000-4000-8000-000000000001";
    private static final String GLOBEX = "a0000000-0000-4000-8000-000000000002";
    private static final Path TARGET = Path.of("target");

    private static ExternalProcess keycloak;
    private static ExternalProcess service;
    private static String keycloakUrl;
    private static String serviceUrl;
    private static String database;

    @BeforeAll
    static void startKeycloakAndTheService() throws Exception {
        int keycloakPort = ExternalProcess.freePort();
        keycloakUrl = "http://localhost:" + keycloakPort;
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"));
        // start-dev keeps its realms in data/h2 and skips the import of a realm it has: start from none,
        // so the realm tested is the realm file as it is now
        deleteRecursively(home.resolve("data/h2"));
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(Path.of("docker/keycloak/copilot-realm.json"), imports.resolve("copilot-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        String javaHome = System.getenv().getOrDefault("KEYCLOAK_JAVA_HOME",
                System.getProperty("keycloak.java.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        keycloak = ExternalProcess.start("Keycloak",
                List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                        "--http-port=" + keycloakPort, "--http-management-port=" + ExternalProcess.freePort()),
                Map.of("JAVA_HOME", javaHome, "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
                TARGET.resolve("e2e-keycloak.log"));

        database = ThrowawayDatabase.fresh("copilot_metrics_e2e");

        int servicePort = ExternalProcess.freePort();
        int managementPort = ExternalProcess.freePort();
        serviceUrl = "http://localhost:" + servicePort;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + servicePort, "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.oidc.auth-server-url=" + keycloakUrl + "/realms/copilot"));
        LocalPostgresServer.datasourceConfig(database).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        service = ExternalProcess.start("copilot-metrics", command, Map.of("LOG_JSON", "false"),
                TARGET.resolve("e2e-service.log"));

        service.awaitHttpOk("http://localhost:" + managementPort + "/q/health/ready", Duration.ofSeconds(90));
        loadDemoData();
        keycloak.awaitHttpOk(keycloakUrl + "/realms/copilot/.well-known/openid-configuration", Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (service != null) {
            service.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
        if (database != null) {
            ThrowawayDatabase.drop(database);
        }
    }

    @Test
    void keycloakTokensCarryTheTenantAttributeAndRealmRoles() throws Exception {
        JsonObject claims = claims(passwordGrant("alice"));
        assertThat(claims.getString("tenant_id")).isEqualTo(ACME);
        assertThat(claims.getJsonObject("realm_access").getJsonArray("roles").getList()).contains("user");
        assertThat(claims.getValue("aud").toString()).contains("copilot-metrics");
    }

    @Test
    void eachUserSeesOnlyTheirTenant() throws Exception {
        JsonPath alice = data(passwordGrant("alice"), "costByTenant", Map.of());
        assertThat(alice.getList("data.costByTenant.tenantId", String.class)).containsExactly(ACME);

        JsonPath bob = data(passwordGrant("bob"), "allCosts", Map.of("first", 100));
        assertThat(bob.getList("data.allCosts.edges.node.tenantId", String.class)).isNotEmpty().containsOnly(GLOBEX);

        JsonPath me = data(passwordGrant("alice"), "me", Map.of());
        assertThat(me.getString("data.me.subject")).isEqualTo("b0000000-0000-4000-8000-000000000001");
    }

    @Test
    void memberOfTwoTenantsSwitchesWithTheHeaderOthersCannot() throws Exception {
        Response carol = GraphQLClient.post(serviceUrl, passwordGrant("carol"), "costByTenant", Map.of(),
                Map.of("X-Tenant-Id", GLOBEX));
        assertThat(carol.jsonPath().getList("data.costByTenant.tenantId", String.class)).containsExactly(GLOBEX);

        Response dave = GraphQLClient.post(serviceUrl, passwordGrant("dave"), "costByTenant", Map.of(),
                Map.of("X-Tenant-Id", ACME));
        assertThat(dave.jsonPath().getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void platformAdminSeesEveryTenant() throws Exception {
        JsonPath admin = data(passwordGrant("admin"), "topSpendingTenants", Map.of());
        assertThat(admin.getList("data.topSpendingTenants.tenantId", String.class)).hasSize(5).contains(ACME, GLOBEX);
    }

    @Test
    void tamperedKeycloakTokenIsRefused() throws Exception {
        String[] parts = passwordGrant("dave").split("\\.");
        JsonObject claims = claims(parts[0] + "." + parts[1] + ".");
        claims.put("tenant_id", ACME);
        String forged = parts[0] + "." + base64(claims.encode()) + "." + parts[2];
        assertThat(GraphQLClient.post(serviceUrl, forged, "costByTenant", Map.of(), Map.of()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aServiceAccountRecordsUsageThatItsTenantThenSees() throws Exception {
        String backend = clientCredentialsGrant("platform-backend", "platform-backend-secret");
        JsonObject claims = claims(backend);
        assertThat(claims.getJsonObject("realm_access").getJsonArray("roles").getList()).contains("usage-writer");
        assertThat(claims.containsKey("tenant_id")).isFalse();
        String alice = passwordGrant("alice");
        BigDecimal before = new BigDecimal(data(alice, "costByTenant", Map.of()).getString("data.costByTenant[0].totalCostUsd"));

        Map<String, Object> usage = Map.of("idempotencyKey", "e2e-" + java.util.UUID.randomUUID(), "tenantId", ACME,
                "provider", "openai", "model", "gpt-4", "inputTokens", 1000, "outputTokens", 500,
                "occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        JsonPath receipt = data(backend, "recordLlmUsage", Map.of("input", usage));
        assertThat(new BigDecimal(receipt.getString("data.recordLlmUsage.totalCostUsd"))).isEqualByComparingTo("0.06");

        BigDecimal after = new BigDecimal(data(alice, "costByTenant", Map.of()).getString("data.costByTenant[0].totalCostUsd"));
        assertThat(after.subtract(before)).isEqualByComparingTo("0.06");
        assertThat(GraphQLClient.post(serviceUrl, alice, "recordLlmUsage", Map.of("input", usage), Map.of())
                .jsonPath().getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void postmanCollectionPassesUnderNewman() throws Exception {
        // The demo tenants' quotas are near or past their limits on purpose; the collection's
        // reservation needs room, so it spends for Globex with its limits raised.
        ownerSql("UPDATE copilot_internal.cost_quotas SET limit_usd = 1000 WHERE tenant_id = '" + GLOBEX + "'");
        String newman = System.getProperty("newman", "docker/postman/node_modules/.bin/newman");
        Process run = new ProcessBuilder(newman, "run", "docker/postman/copilot-metrics.postman_collection.json",
                "-e", "docker/postman/copilot-metrics.postman_environment.json",
                "--env-var", "baseUrl=" + serviceUrl,
                "--env-var", "keycloakUrl=" + keycloakUrl,
                "--env-var", "accessToken=" + passwordGrant("alice"),
                "--env-var", "expectedTenantId=" + ACME,
                "--env-var", "usageTenantId=" + GLOBEX,
                "--reporters", "cli", "--color", "off")
                .redirectErrorStream(true).redirectOutput(TARGET.resolve("e2e-newman.log").toFile()).start();
        assertThat(run.waitFor()).as(Files.readString(TARGET.resolve("e2e-newman.log"))).isZero();
        assertThat(Files.readString(TARGET.resolve("e2e-newman.log"))).contains("assertions").doesNotContain("AssertionError");
    }

    private static JsonPath data(String token, String document, Map<String, ?> variables) {
        Response response = GraphQLClient.post(serviceUrl, token, document, variables, Map.of());
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("errors")).as(response.asString()).isNull();
        return response.jsonPath();
    }

    private static String passwordGrant(String user) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=copilot-metrics&username=" + user + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keycloakUrl + "/realms/copilot/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("access_token");
    }

    private static String clientCredentialsGrant(String client, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + client + "&client_secret=" + secret;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keycloakUrl + "/realms/copilot/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("access_token");
    }

    private static JsonObject claims(String token) {
        return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
    }

    private static String base64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void loadDemoData() throws SQLException {
        ownerSql(OwnerDatabase.resource("db/dev-data/R__demo_data.sql"));
    }

    /** SQL as the schema owner, in one committed transaction. */
    private static void ownerSql(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(LocalPostgresServer.jdbcUrl(database),
                LocalPostgresServer.adminUser(), LocalPostgresServer.adminPassword())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            connection.commit();
        }
    }
}
