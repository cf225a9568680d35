package io.copilot.metrics.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

/**
 * The errors graphql-java raises before any field runs, in plain words and with a code:
 * a value that does not fit its argument is BAD_USER_INPUT naming the argument; any other
 * invalid document is GRAPHQL_VALIDATION_FAILED (unparseable text is answered before, by
 * {@link GraphQLRequestGate}; should graphql-java see some, GRAPHQL_PARSE_FAILED). Their
 * text loses graphql-java's internals ({@code IntValue{value=...}}, Java type names) and what
 * it echoes of the input is cut short. Field errors keep the code the API edge gave them; a
 * "non-null field was null" that only follows from another error is dropped.
 */
final class PlainErrors {

    private static final Pattern AST_VALUE = Pattern.compile(
            "(?:Int|Float|String|Boolean|Enum|Null|Object|Array|Variable)Value\\{(?:value|name)=([^}]*)}");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern JAVA_TYPE = Pattern.compile(" but it was a '[A-Za-z.]+'");
    private static final Pattern VALIDATION_PREFIX = Pattern.compile("^Validation error \\((\\w+)(?:@[^)]*)?\\) ?: ?");
    private static final Pattern TOO_COMPLEX = Pattern.compile("maximum query complexity exceeded (\\d+) > (\\d+)");
    private static final Pattern TOO_DEEP = Pattern.compile("maximum query depth exceeded (\\d+) > (\\d+)");
    private static final Set<String> WRONG_VALUES = Set.of(ValidationErrorType.WrongType.name(),
            ValidationErrorType.NullValueForNonNullArgument.name(), ValidationErrorType.MissingFieldArgument.name());
    private static final int MAX_MESSAGE_CHARS = 300;

    private PlainErrors() {
    }

    static List<GraphQLError> of(List<GraphQLError> errors) {
        List<GraphQLError> plain = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            if (error instanceof NonNullableFieldWasNullError && errors.stream().anyMatch(
                    other -> !(other instanceof NonNullableFieldWasNullError))) {
                continue;
            }
            if (error instanceof ExceptionWhileDataFetching || error instanceof NonNullableFieldWasNullError
                    || error.getExtensions() != null && error.getExtensions().containsKey("code")) {
                plain.add(error);
                continue;
            }
            plain.add(GraphqlErrorBuilder.newError().message("%s", words(error)).locations(error.getLocations())
                    .path(error.getPath()).errorType(error.getErrorType())
                    .extensions(Map.of("code", code(error))).build());
        }
        return plain;
    }

    static String code(GraphQLError error) {
        if (error.getErrorType() == ErrorType.InvalidSyntax) {
            return "GRAPHQL_PARSE_FAILED";
        }
        String validationType = error instanceof ValidationError validation
                ? String.valueOf(validation.getValidationErrorType()) : validationTypeInMessage(error.getMessage());
        if (validationType != null) {
            return WRONG_VALUES.contains(validationType) ? "BAD_USER_INPUT" : "GRAPHQL_VALIDATION_FAILED";
        }
        // variable values that do not fit their type (coercion), the only other errors raised before execution
        return error.getErrorType() == ErrorType.ValidationError ? "BAD_USER_INPUT" : "GRAPHQL_VALIDATION_FAILED";
    }

    static String words(GraphQLError error) {
        String text = error instanceof ValidationError validation ? validation.getDescription() : error.getMessage();
        text = AST_VALUE.matcher(text == null ? "" : text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        text = JAVA_TYPE.matcher(text).replaceAll("");
        text = text.replace("''", "'");
        text = QUOTED.matcher(text).replaceAll(match -> Matcher.quoteReplacement("'" + Echo.of(match.group(1)) + "'"));
        text = VALIDATION_PREFIX.matcher(text).replaceFirst("");
        text = TOO_COMPLEX.matcher(text).replaceAll("The query's complexity is $1, more than the $2 allowed "
                + "(each field costs 1, each top-level field more): ask for fewer fields or split the query");
        text = TOO_DEEP.matcher(text).replaceAll("The query's depth is $1, more than the $2 allowed");
        text = text.replaceAll("\\p{Cntrl}", "?");
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    private static String validationTypeInMessage(String message) {
        Matcher prefix = VALIDATION_PREFIX.matcher(message == null ? "" : message);
        return prefix.find() ? prefix.group(1) : null;
    }
}
