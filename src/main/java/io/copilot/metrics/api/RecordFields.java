package io.copilot.metrics.api;

import java.time.OffsetDateTime;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
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
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * How the fields of the API's records (every field below an operation) are read. SmallRye's
 * FieldDataFetcher rebuilds its request context for every field it reads (the path as text, the
 * selected subfields) and clears it again; nothing below an operation reads that context. A
 * profile of a 100-row breakdown page put ~19% of the service's CPU there. So, without it:
 * <ul>
 * <li>Dates without a format of their own are written by {@link DateTimeField} as SmallRye's
 * default format (ISO_OFFSET_DATE_TIME) writes them, by {@link IsoDateTime}.</li>
 * <li>Other fields whose value SmallRye converts (enums pass through its conversion unchanged)
 * are read by {@link Converted}: the accessor and SmallRye's own conversion of the value,
 * without the context (SmallRye asks this service before building its FieldDataFetcher).</li>
 * <li>Fields whose value needs no conversion (text, numbers, booleans, Decimal, nested records
 * and lists of them) are read by graphql-java's property fetcher alone ({@link #registry}, once
 * the schema is built, where their GraphQL types are known).</li>
 * </ul>
 * {@value #ENABLED}=false keeps SmallRye's FieldDataFetcher (to compare the two in the benchmark).
 */
public class RecordFields implements DataFetcherService {

    static final String ENABLED = "copilot-metrics.api.direct-record-fields";
    private static final Logger LOG = Logger.getLogger(RecordFields.class);

    /** Scalars that serialise the accessor's value as it is. */
    private static final Set<String> AS_IS = Set.of("String", "ID", "Int", "Long", "BigInteger", "Float",
            "BigDecimal", "Boolean", "Decimal");

    private final boolean enabled = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader())
            .getOptionalValue(ENABLED, Boolean.class).orElse(true);

    /** Before Quarkus's service (1), which builds no field fetchers anyway. */
    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type type, Reference owner) {
        if (!enabled) {
            return null;
        }
        return plainDate(field) ? new DateTimeField<>(field) : new Converted<>(field);
    }

    /** A single OffsetDateTime that SmallRye writes in its default format: no format, no adapter. */
    private static boolean plainDate(Field field) {
        return field.getReference().getClassName().equals(OffsetDateTime.class.getName()) && !field.hasWrapper()
                && !field.hasTransformation() && !field.isAdaptingTo() && !field.isAdaptingWith()
                && !field.getReference().isAdaptingTo() && !field.getReference().isAdaptingWith();
    }

    /** A record's date, written as SmallRye's default format writes it. */
    static final class DateTimeField<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {

        private final PropertyDataFetcher<Object> accessor;

        DateTimeField(Field field) {
            this.accessor = accessor(field);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment dfe) {
            Object value = accessor.get(dfe);
            return (T) (value == null ? null : IsoDateTime.format((OffsetDateTime) value));
        }
    }

    /** A record's accessor, a getter, or (no method) a public field, as SmallRye reads it: by graphql-java's cached lookup. */
    private static PropertyDataFetcher<Object> accessor(Field field) {
        return PropertyDataFetcher.fetching(field.getMethodName() != null ? field.getMethodName() : field.getPropertyName());
    }

    /**
     * A field of a record read as SmallRye's FieldDataFetcher reads it, minus its request context:
     * the accessor (graphql-java's cached one), then SmallRye's conversion of the value, which
     * reads the field's model and nothing of the context.
     */
    static final class Converted<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {

        private final PropertyDataFetcher<Object> accessor;
        private final FieldHelper conversion;

        Converted(Field field) {
            this.accessor = accessor(field);
            this.conversion = new FieldHelper(field);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment dfe) throws Exception {
            Object value = accessor.get(dfe);
            try {
                return (T) conversion.transformOrAdaptResponse(value, dfe);
            } catch (AbstractDataFetcherException unconvertible) {
                // as SmallRye's fetcher: logged, the value as read (graphql-java then reports it)
                LOG.debug("record field not converted", unconvertible);
                return (T) value;
            }
        }
    }

    /** The registry with every plain record field read by graphql-java's property fetcher. */
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
                if ((current instanceof FieldDataFetcher<?> || current instanceof Converted<?>
                        || current instanceof DateTimeField<?>) && readAsIs(field)) {
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
