package io.copilot.metrics.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.json.InputFieldsInfo;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * An operation's arguments as its method takes them, built from graphql-java's coerced values
 * without SmallRye's general way where it costs most:
 * <ul>
 * <li>The API's input records (filters, usage items, events) by their canonical constructors.
 * SmallRye 2.17 builds an input object by writing the map as JSON with JSON-B and binding that
 * text back to the class: 6.5% of an allCosts page's service CPU (its filter), and once per item
 * of a recordUsage batch.</li>
 * <li>Dates ({@code from}, {@code to}, and inside records) by {@link IsoDateTime}, not
 * DateTimeFormatter's general parser.</li>
 * </ul>
 * Every value is converted as SmallRye's way converts it: dates and decimals from the text or
 * number sent as JSON-B (records) or SmallRye's default date format (arguments) reads them, enums
 * by name, other values as graphql-java coerced them; OperationArgumentsTest holds the two ways
 * equal. An argument with a format or adapter of its own, a record holding a type not listed
 * here, or a value in a shape not expected, is left to SmallRye's helper, which then answers (and
 * refuses) exactly as before.
 */
final class OperationArguments {

    /** Types graphql-java's coercion already gives as the record takes them (String, ID, Int, Float, Boolean). */
    private static final Set<Class<?>> AS_COERCED = Set.of(String.class, Integer.class, Double.class, Boolean.class);

    private final List<Argument> arguments;
    private final ArgumentHelper[] smallRye;
    private final String[] names;
    /**
     * Built at the first call, not with the fetcher: SmallRye registers its input types'
     * fields (what it transforms) while it builds the schema, possibly after this fetcher.
     */
    private volatile Converter[] converters;

    private OperationArguments(List<Argument> arguments) {
        this.arguments = arguments;
        this.smallRye = new ArgumentHelper[arguments.size()];
        this.names = new String[arguments.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = arguments.get(i).getName();
            smallRye[i] = new ArgumentHelper(List.of(arguments.get(i)));
        }
    }

    static OperationArguments of(List<Argument> arguments) {
        return new OperationArguments(arguments);
    }

    /** The method's arguments, in order. */
    Object[] values(DataFetchingEnvironment dfe) throws AbstractDataFetcherException {
        Object[] values = new Object[names.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(dfe, i);
        }
        return values;
    }

    /** The GraphQL name of argument {@code index} (for tests). */
    String name(int index) {
        return names[index];
    }

    /** Whether argument {@code index} is built here rather than by SmallRye's JSON round trip (for tests). */
    boolean builtDirectly(int index) {
        return converters()[index] != null;
    }

    /** Argument {@code index} as built here, failing where it would fall back to SmallRye (for tests). */
    Object direct(DataFetchingEnvironment dfe, int index) {
        Object given = dfe.getArgument(names[index]);
        return given == null ? null : converters()[index].convert(given);
    }

    /** Argument {@code index} as SmallRye alone builds it (for tests). */
    Object smallRyes(DataFetchingEnvironment dfe, int index) throws AbstractDataFetcherException {
        return smallRye[index].getArguments(dfe).get(0);
    }

    private Object value(DataFetchingEnvironment dfe, int index) throws AbstractDataFetcherException {
        Converter converter = converters()[index];
        if (converter != null) {
            Object given = dfe.getArgument(names[index]);
            if (given == null) {
                return null;
            }
            try {
                return converter.convert(given);
            } catch (Unexpected shape) {
                // nothing here changed graphql-java's value: SmallRye's helper builds it from what was given
            }
        }
        return smallRyes(dfe, index);
    }

    private Converter[] converters() {
        Converter[] built = converters;
        if (built == null) {
            // two threads may both build them: the same converters either way
            built = new Converter[names.length];
            for (int i = 0; i < built.length; i++) {
                built[i] = argumentConverter(arguments.get(i));
            }
            converters = built;
        }
        return built;
    }

    /** An input record argument, or a list of them, or a date; null (SmallRye's) for any other. */
    private static Converter argumentConverter(Argument argument) {
        if (argument.isSourceArgument() || argument.isAdaptingWith() || argument.isAdaptingTo()
                || argument.getReference().isAdaptingWith() || argument.getReference().isAdaptingTo()
                || argument.hasTransformation()) {
            return null;
        }
        if (argument.getReference().getType() == ReferenceType.SCALAR) {
            boolean date = !argument.hasWrapper()
                    && argument.getReference().getClassName().equals(OffsetDateTime.class.getName());
            return date ? DateTimeConverter.INSTANCE : null;
        }
        if (argument.getReference().getType() != ReferenceType.INPUT) {
            return null;
        }
        Converter record;
        try {
            record = RecordConverter.of(load(argument.getReference().getClassName()));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error unreflectable) {
            // e.g. a native image without a record's components among its reflection metadata
            return null;
        }
        if (record == null || !argument.hasWrapper()) {
            return record;
        }
        boolean listOfRecords = argument.getWrapper().isCollection() && !argument.getWrapper().hasWrapper()
                && argument.getWrapper().getWrapperClassName().equals(List.class.getName());
        return listOfRecords ? new ListConverter(record) : null;
    }

    private static Class<?> load(String className) {
        return ClassloadingService.get().loadClass(className);
    }

    /** A value from graphql-java to what the method or constructor takes. */
    private interface Converter {
        Object convert(Object given);
    }

    /** A value in a shape this class does not expect: SmallRye's helper builds the argument instead. */
    private static final class Unexpected extends RuntimeException {
        private static final Unexpected INSTANCE = new Unexpected();

        private Unexpected() {
            super("unexpected argument shape", null, false, false);
        }
    }

    private record ListConverter(Converter element) implements Converter {
        @Override
        public Object convert(Object given) {
            if (!(given instanceof List<?> list)) {
                throw Unexpected.INSTANCE;
            }
            List<Object> converted = new ArrayList<>(list.size());
            for (Object item : list) {
                converted.add(item == null ? null : element.convert(item));
            }
            return converted;
        }
    }

    private record AsCoerced(Class<?> type) implements Converter {
        @Override
        public Object convert(Object given) {
            if (!type.isInstance(given)) {
                throw Unexpected.INSTANCE;
            }
            return given;
        }
    }

    private record EnumConverter(Class<? extends Enum> type) implements Converter {
        @Override
        @SuppressWarnings("unchecked")
        public Object convert(Object given) {
            if (type.isInstance(given)) {
                return given;
            }
            if (!(given instanceof String name)) {
                throw Unexpected.INSTANCE;
            }
            // graphql-java has checked the name against the enum's values
            return Enum.valueOf(type, name);
        }
    }

    /**
     * A decimal as JSON-B reads one from what SmallRye's BigDecimal scalar keeps as sent: text as
     * written, a JSON number by the digits it was written back with (a double's shortest form).
     */
    private enum DecimalConverter implements Converter {
        INSTANCE;

        @Override
        public Object convert(Object given) {
            try {
                if (given instanceof BigDecimal decimal) {
                    return decimal;
                }
                if (given instanceof String text) {
                    return new BigDecimal(text);
                }
                if (given instanceof Double || given instanceof Float) {
                    return new BigDecimal(given.toString());
                }
                if (given instanceof Integer || given instanceof Long || given instanceof BigInteger) {
                    return new BigDecimal(given.toString());
                }
            } catch (NumberFormatException notADecimal) {
                // SmallRye's helper reports it, in its own words
            }
            throw Unexpected.INSTANCE;
        }
    }

    /**
     * A date from the text graphql-java keeps for SmallRye's DateTime, as JSON-B (in a record) and
     * SmallRye's default format (an argument) read it: both are ISO_OFFSET_DATE_TIME.
     */
    private enum DateTimeConverter implements Converter {
        INSTANCE;

        @Override
        public Object convert(Object given) {
            if (given instanceof OffsetDateTime date) {
                return date;
            }
            if (!(given instanceof String text)) {
                throw Unexpected.INSTANCE;
            }
            try {
                return IsoDateTime.parse(text);
            } catch (DateTimeParseException unparsable) {
                // SmallRye's helper reports it, in its own words
                throw Unexpected.INSTANCE;
            }
        }
    }

    /** An input record from its map: each component by its GraphQL name, absent ones null. */
    private record RecordConverter(Constructor<?> constructor, String[] names, Converter[] components)
            implements Converter {

        /** The converter of a record type whose every component is understood here, else null. */
        static RecordConverter of(Class<?> type) {
            RecordComponent[] recordComponents = type.isRecord() ? type.getRecordComponents() : null;
            if (recordComponents == null) {
                return null;
            }
            Map<String, String> graphQLNames = new HashMap<>();
            for (Field parameter : InputFieldsInfo.getCreatorParameters(type.getName())) {
                graphQLNames.put(parameter.getPropertyName(), parameter.getName());
            }
            // fields with a format or an adapter of their own stay SmallRye's
            if (InputFieldsInfo.hasTransformationFields(type.getName()) || InputFieldsInfo.hasAdaptToFields(type.getName())
                    || InputFieldsInfo.hasAdaptWithFields(type.getName())) {
                return null;
            }
            String[] names = new String[recordComponents.length];
            Converter[] components = new Converter[recordComponents.length];
            Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
            for (int i = 0; i < recordComponents.length; i++) {
                RecordComponent component = recordComponents[i];
                names[i] = graphQLNames.getOrDefault(component.getName(), component.getName());
                parameterTypes[i] = component.getType();
                components[i] = converter(component.getType(), component.getGenericType());
                if (components[i] == null) {
                    return null;
                }
            }
            try {
                return new RecordConverter(type.getDeclaredConstructor(parameterTypes), names, components);
            } catch (NoSuchMethodException notCanonical) {
                return null;
            }
        }

        @Override
        public Object convert(Object given) {
            if (!(given instanceof Map<?, ?> map)) {
                throw Unexpected.INSTANCE;
            }
            Object[] values = new Object[components.length];
            for (int i = 0; i < values.length; i++) {
                Object value = map.get(names[i]);
                values[i] = value == null ? null : components[i].convert(value);
            }
            try {
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException refused) {
                // a record that checks its values: SmallRye's helper reports the refusal in its own words
                throw Unexpected.INSTANCE;
            }
        }

        @SuppressWarnings({ "unchecked", "rawtypes" })
        private static Converter converter(Class<?> type, Type genericType) {
            if (AS_COERCED.contains(type)) {
                return new AsCoerced(type);
            }
            if (type.isEnum()) {
                return new EnumConverter((Class<? extends Enum>) type);
            }
            if (type == OffsetDateTime.class) {
                return DateTimeConverter.INSTANCE;
            }
            if (type == BigDecimal.class) {
                return DecimalConverter.INSTANCE;
            }
            if (type.isRecord()) {
                return of(type);
            }
            if (type == List.class && genericType instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element) {
                Converter elements = converter(element, element);
                return elements == null ? null : new ListConverter(elements);
            }
            return null;
        }
    }
}
