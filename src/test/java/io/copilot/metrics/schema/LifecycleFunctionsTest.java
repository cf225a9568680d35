package io.copilot.metrics.schema;

import static io.copilot.metrics.testsupport.FixtureTenant.ACME;
import static io.copilot.metrics.testsupport.FixtureTenant.GLOBEX;
import static io.copilot.metrics.testsupport.OwnerDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/** Execution-context history, context cleanup, compaction candidates and tenant deletion. */
@QuarkusTest
class LifecycleFunctionsTest {

    @Test
    void aPathKeepsTerminatedContextsButOnlyOneActive() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME); // has one active context on its primary path
            insertContext(connection, "terminated", 30);
            insertContext(connection, "terminated", 20);

            assertThatThrownBy(() -> insertContext(connection, "active", null))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("idx_execution_contexts_unique_active_path")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
        });
    }

    @Test
    void cleanupDeletesOnlyOldTerminatedContextsOldestFirstWithinTheLimit() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME);
            UUID oldest = insertContext(connection, "terminated", 30);
            UUID older = insertContext(connection, "terminated", 10);
            UUID recent = insertContext(connection, "terminated", 3);

            List<UUID> firstBatch = cleanup(connection, 7, 1);
            assertThat(firstBatch).containsExactly(oldest);
            List<UUID> secondBatch = cleanup(connection, 7, 100);
            assertThat(secondBatch).containsExactly(older);
            assertThat(cleanup(connection, 7, 100)).isEmpty();

            assertThat(count(connection, "SELECT count(*) FROM copilot_internal.execution_contexts WHERE id = ?",
                    recent)).isOne();
            assertThat(count(connection, "SELECT count(*) FROM copilot_internal.execution_contexts "
                    + "WHERE terminated_at IS NULL AND tenant_id = ?", ACME.id())).isOne();
        });
    }

    @Test
    void compactionCandidatesAreBusyRecentConversationsNotCompactedLately() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME);
            OwnerDatabase.loadTenant(connection, GLOBEX);
            // acme: 1 fixture message + 60 more, never compacted -> candidate.
            addMessages(connection, ACME.id(), ACME.conversationId(), 60);
            // globex: 61 messages too, but compacted an hour ago -> not a candidate.
            addMessages(connection, GLOBEX.id(), GLOBEX.conversationId(), 60);
            try (PreparedStatement done = connection.prepareStatement("""
                    INSERT INTO copilot_internal.compaction_operations
                        (tenant_id, conversation_id, strategy, status, completed_at)
                    VALUES (?, ?, 'summarize', 'completed', now() - interval '1 hour')
                    """)) {
                done.setObject(1, GLOBEX.id());
                done.setObject(2, GLOBEX.conversationId());
                done.execute();
            }

            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT conversation_id, message_count FROM "
                            + "copilot_internal.get_conversations_needing_compaction(50, now() - interval '1 day', "
                            + "now() - interval '1 day', 10)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isEqualTo(ACME.conversationId());
                assertThat(rs.getLong(2)).isEqualTo(61);
                assertThat(rs.next()).as("only acme's conversation qualifies").isFalse();
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM "
                            + "copilot_internal.get_conversations_needing_compaction(61, now() - interval '1 day', "
                            + "now() - interval '1 day', 10)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("threshold is strictly greater than").isZero();
            }
        });
    }

    @Test
    void deletingATenantDeletesItsLlmPolicy() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME);
            OwnerDatabase.loadTenant(connection, GLOBEX);
            String policies = "SELECT count(*) FROM copilot_internal.tenant_llm_policies WHERE tenant_id = ?";
            assertThat(count(connection, policies, ACME.id())).isOne();

            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM copilot_internal.tenants WHERE id = ?")) {
                delete.setObject(1, ACME.id());
                assertThat(delete.executeUpdate()).isOne();
            }

            assertThat(count(connection, policies, ACME.id())).isZero();
            assertThat(count(connection, policies, GLOBEX.id())).isOne();
        });
    }

    private static UUID insertContext(Connection connection, String status, Integer terminatedDaysAgo)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO copilot_internal.execution_contexts
                    (tenant_id, conversation_id, path_id, sandbox_id, status, terminated_at)
                VALUES (?, ?, ?, 'sbx-' || gen_random_uuid(), ?, now() - make_interval(days => ?))
                RETURNING id
                """)) {
            insert.setObject(1, ACME.id());
            insert.setObject(2, ACME.conversationId());
            insert.setObject(3, ACME.pathId());
            insert.setString(4, status);
            insert.setObject(5, terminatedDaysAgo);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static List<UUID> cleanup(Connection connection, int daysOld, int limit) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement(
                "SELECT deleted_count, deleted_ids FROM copilot_internal.cleanup_old_terminated_contexts(?, ?)")) {
            call.setInt(1, daysOld);
            call.setInt(2, limit);
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                Array ids = rs.getArray(2);
                List<UUID> deleted = new ArrayList<>(List.of((UUID[]) ids.getArray()));
                assertThat(rs.getInt(1)).isEqualTo(deleted.size());
                return deleted;
            }
        }
    }

    private static void addMessages(Connection connection, UUID tenantId, UUID conversationId, int howMany)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO copilot_internal.conversation_messages (tenant_id, conversation_id, role, content, created_at)
                SELECT ?, ?, 'assistant', 'message ' || i, now() - make_interval(mins => i)
                FROM generate_series(1, ?) AS i
                """)) {
            insert.setObject(1, tenantId);
            insert.setObject(2, conversationId);
            insert.setInt(3, howMany);
            insert.execute();
        }
    }
}
