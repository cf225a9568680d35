package io.copilot.metrics.api;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.smallrye.graphql.execution.error.ExecutionErrorsService;

/**
 * A GraphQL answer written as JSON straight from graphql-java's result, in the order and with the
 * values SmallRye's {@code ExecutionResponse} gives it ({@code errors} as SmallRye words them, then
 * {@code data}), without first building it again as a JSON-P tree: for a page of records that tree
 * was an eighth of the service's CPU. A result holding anything else than what GraphQL values are
 * (extensions, a type this writer does not know) is left to SmallRye: {@link #write} says false.
 */
public final class GraphQLResponseJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ExecutionErrorsService ERRORS = new ExecutionErrorsService();

    private GraphQLResponseJson() {
    }

    /** Writes {@code result} to {@code out} as UTF-8; false (and nothing to be used written) when SmallRye must. */
    public static boolean write(ExecutionResult result, OutputStream out) throws IOException {
        if (result.getExtensions() != null) {
            return false;
        }
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            List<GraphQLError> errors = result.getErrors();
            if (!errors.isEmpty()) {
                // rare, and worded by SmallRye (its extensions): its JSON-P text as it is
                json.writeFieldName("errors");
                json.writeRawValue(ERRORS.toJsonErrors(errors).toString());
            }
            if (result.isDataPresent()) {
                json.writeFieldName("data");
                if (!value(json, result.getData())) {
                    return false;
                }
            }
            json.writeEndObject();
        }
        return true;
    }

    /** The value as JSON-P would write it (a double as its shortest decimal); false for a type GraphQL does not answer. */
    private static boolean value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Map<?, ?> object) {
            json.writeStartObject();
            for (Map.Entry<?, ?> field : object.entrySet()) {
                json.writeFieldName(String.valueOf(field.getKey()));
                if (!value(json, field.getValue())) {
                    return false;
                }
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                if (!value(json, item)) {
                    return false;
                }
            }
            json.writeEndArray();
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double || value instanceof Float) {
            json.writeNumber(value instanceof Double number ? BigDecimal.valueOf(number)
                    : new BigDecimal(String.valueOf(value)));
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof Enum<?> constant) {
            json.writeString(constant.name());
        } else {
            return false;
        }
        return true;
    }
}
