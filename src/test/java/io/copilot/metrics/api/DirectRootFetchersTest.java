package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Which fetchers SmallRye wired: the direct ones for root queries and mutations, its own for
 * subscriptions. What they answer is the whole API suite's concern (errors, arguments, tenants).
 */
@QuarkusTest
class DirectRootFetchersTest {

    @Inject
    GraphQLSchema schema;

    @Test
    void rootQueriesAndMutationsAreFetchedDirectly() {
        assertThat(fetcher(schema.getQueryType(), "costByTenant")).isInstanceOf(DirectRootFetchers.Direct.class);
        assertThat(fetcher(schema.getQueryType(), "allCosts")).isInstanceOf(DirectRootFetchers.Direct.class);
        assertThat(fetcher(schema.getMutationType(), "recordLlmUsage")).isInstanceOf(DirectRootFetchers.Direct.class);
    }

    @Test
    void subscriptionsKeepSmallRyesFetcher() {
        assertThat(fetcher(schema.getSubscriptionType(), "quotaAlerts")).isNotInstanceOf(DirectRootFetchers.Direct.class);
    }

    private Object fetcher(GraphQLObjectType type, String field) {
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field), type.getFieldDefinition(field));
    }
}
