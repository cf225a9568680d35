package io.copilot.metrics.api;

import graphql.Scalars;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.schema.visibility.GraphqlFieldVisibility;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;

/**
 * The schema's Int is graphql-java's own scalar, which refuses values outside 32 bits.
 * SmallRye's (2.17) checks the range wrongly and wraps a literal such as 4294967297 to 1.
 * Applied by {@link GraphQLEngine} while SmallRye builds the schema, which also has the code
 * registry's field visibility replaced here when it asks.
 */
final class StrictInt {

    private StrictInt() {
    }

    /** @param visibility the field visibility to set instead of SmallRye's, or null to keep it */
    static GraphQLSchema.Builder replaceInt(GraphQLSchema.Builder builder, GraphqlFieldVisibility visibility) {
        GraphQLSchema strict = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
                    TraverserContext<GraphQLSchemaElement> context) {
                return scalar.getName().equals("Int") && scalar != Scalars.GraphQLInt
                        ? TreeTransformerUtil.changeNode(context, Scalars.GraphQLInt) : TraversalControl.CONTINUE;
            }
        });
        builder.query(strict.getQueryType()).mutation(strict.getMutationType())
                .subscription(strict.getSubscriptionType()).codeRegistry(visibility == null ? strict.getCodeRegistry()
                        : strict.getCodeRegistry().transform(registry -> registry.fieldVisibility(visibility)))
                .clearAdditionalTypes().additionalTypes(strict.getAdditionalTypes())
                .clearDirectives().additionalDirectives(new java.util.LinkedHashSet<>(strict.getDirectives()));
        return builder;
    }
}
