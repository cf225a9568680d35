package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.PropertyDataFetcher;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Which fetchers read the records' fields: none is SmallRye's FieldDataFetcher, which rebuilds its
 * request context per field. What they answer (dates with their offsets, enums, numbers) is the
 * API suite's concern: CostSeriesTest and CostBreakdownTest assert the dates' exact text.
 */
@QuarkusTest
class RecordFieldsTest {

    @Inject
    GraphQLSchema schema;

    @Test
    void convertedFieldsAreReadWithoutSmallRyesContext() {
        assertThat(fetcher("CostRecord", "costType")).isInstanceOf(RecordFields.Converted.class);
        assertThat(fetcher("QuotaStatus", "status")).isInstanceOf(RecordFields.Converted.class);
    }

    @Test
    void datesAreWrittenInTheDefaultFormatWithoutTheFormatter() {
        assertThat(fetcher("CostRecord", "occurredAt")).isInstanceOf(RecordFields.DateTimeField.class);
        assertThat(fetcher("CostBucket", "start")).isInstanceOf(RecordFields.DateTimeField.class);
        assertThat(fetcher("QuotaStatus", "periodEnd")).isInstanceOf(RecordFields.DateTimeField.class);
    }

    @Test
    void plainFieldsAreReadByTheirAccessorAlone() {
        assertThat(fetcher("CostRecord", "costUsd")).isInstanceOf(PropertyDataFetcher.class);
        assertThat(fetcher("CostRecord", "tags")).isInstanceOf(PropertyDataFetcher.class);
        assertThat(fetcher("CostBucket", "llmRequestCount")).isInstanceOf(PropertyDataFetcher.class);
    }

    private Object fetcher(String type, String field) {
        GraphQLObjectType object = schema.getObjectType(type);
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(object, field),
                object.getFieldDefinition(field));
    }
}
