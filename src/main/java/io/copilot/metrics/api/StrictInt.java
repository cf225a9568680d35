package io.copilot.metrics.api;

import java.util.function.Function;

import graphql.Scalars;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;

/**
 * The schema's Int is graphql-java's own scalar, which refuses values outside 32 bits.
 * SmallRye's (2.17) checks the range wrongly and wraps a literal such as 4294967297 to 1.
 * Applied by {@link GraphQLEngine} while SmallRye builds the schema, which also hands in the code
 * registry to use with it.
 */
final class StrictInt {

    private StrictInt() {
    }

    /** @param registryOf the code registry to use, given the schema with the strict Int */
    static GraphQLSchema.Builder replaceInt(GraphQLSchema.Builder builder,
            Function<GraphQLSchema, GraphQLCodeRegistry> registryOf) {
        GraphQLSchema strict = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
                    TraverserContext<GraphQLSchemaElement> context) {
                return scalar.getName().equals("Int") && scalar != Scalars.GraphQLInt
                        ? TreeTransformerUtil.changeNode(context, Scalars.GraphQLInt) : TraversalControl.CONTINUE;
            }
        });
        builder.query(strict.getQueryType()).mutation(strict.getMutationType())
                .subscription(strict.getSubscriptionType()).codeRegistry(registryOf.apply(strict))
                .clearAdditionalTypes().additionalTypes(strict.getAdditionalTypes())
                .clearDirectives().additionalDirectives(new java.util.LinkedHashSet<>(strict.getDirectives()));
        return builder;
    }
}
