package io.copilot.metrics.api;

import java.util.Set;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.PropertyDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;

/**
 * The fields of the API's records read by graphql-java's own property fetcher (a cached accessor
 * call), not by SmallRye's FieldDataFetcher, which first rebuilds its request context for every
 * field (the path as text, the selected subfields): a profile of a 100-row breakdown page put
 * ~19% of the service's CPU there. Only fields whose value needs no SmallRye transformation are
 * switched: text, numbers, booleans, Decimal and nested records or lists of them. Enums and
 * dates, which SmallRye converts, and the root fields (operations) keep SmallRye's fetchers.
 */
final class PlainRecordFields {

    /** Scalars that serialise the accessor's value as it is. */
    private static final Set<String> AS_IS = Set.of("String", "ID", "Int", "Long", "BigInteger", "Float",
            "BigDecimal", "Boolean", "Decimal");

    private PlainRecordFields() {
    }

    static GraphQLCodeRegistry registry(GraphQLSchema schema, GraphQLCodeRegistry registry) {
        Set<String> roots = Set.of(name(schema.getQueryType()), name(schema.getMutationType()),
                name(schema.getSubscriptionType()));
        GraphQLCodeRegistry.Builder changed = GraphQLCodeRegistry.newCodeRegistry(registry);
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLObjectType object) || roots.contains(object.getName())
                    || object.getName().startsWith("__")) {
                continue;
            }
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                FieldCoordinates coordinates = FieldCoordinates.coordinates(object, field);
                DataFetcher<?> current = registry.getDataFetcher(coordinates, field);
                if (current instanceof FieldDataFetcher<?> && readAsIs(field)) {
                    changed.dataFetcher(coordinates, PropertyDataFetcher.fetching(field.getName()));
                }
            }
        }
        return changed.build();
    }

    private static boolean readAsIs(GraphQLFieldDefinition field) {
        var type = GraphQLTypeUtil.unwrapAll(field.getType());
        return type instanceof GraphQLObjectType
                || type instanceof GraphQLScalarType scalar && AS_IS.contains(scalar.getName());
    }

    private static String name(GraphQLObjectType type) {
        return type == null ? "" : type.getName();
    }
}
