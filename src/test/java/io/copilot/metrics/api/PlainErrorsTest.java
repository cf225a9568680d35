package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.ResultPath;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

class PlainErrorsTest {

    @Test
    void aValueThatDoesNotFitItsArgumentIsBadUserInputInPlainWords() {
        GraphQLError wrapped = ValidationError.newValidationError().validationErrorType(ValidationErrorType.WrongType)
                .description("argument 'first' with value 'IntValue{value=4294967297}' is not a valid 'Int' - "
                        + "Expected value to be in the integer range, but it was a '4294967297'")
                .build();

        GraphQLError plain = PlainErrors.of(List.of(wrapped)).get(0);

        assertThat(plain.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
        assertThat(plain.getMessage()).contains("'first'").contains("4294967297").doesNotContain("IntValue")
                .doesNotContain("Validation error (");
    }

    @Test
    void echoedInputIsCutAndJavaTypesVanish() {
        GraphQLError longLiteral = ValidationError.newValidationError()
                .validationErrorType(ValidationErrorType.WrongType)
                .description("argument 'after' with value 'StringValue{value=" + "z".repeat(8000) + "}' is not valid")
                .build();
        GraphQLError coercion = GraphqlErrorBuilder.newError().errorType(ErrorType.ValidationError)
                .message("%s", "Variable 'first' has an invalid value: Expected a value that can be converted to "
                        + "type 'Int' but it was a 'BigInteger'")
                .build();

        List<GraphQLError> plain = PlainErrors.of(List.of(longLiteral, coercion));

        assertThat(plain.get(0).getMessage()).hasSizeLessThan(200).doesNotContain("StringValue");
        assertThat(plain.get(1).getMessage()).contains("'first'").doesNotContain("BigInteger");
        assertThat(plain.get(1).getExtensions()).containsEntry("code", "BAD_USER_INPUT");
    }

    @Test
    void documentsThatAreNotValidOrNotParseableHaveTheirOwnCodes() {
        GraphQLError unknownField = ValidationError.newValidationError()
                .validationErrorType(ValidationErrorType.FieldUndefined).description("Field 'nope' is undefined").build();
        GraphQLError syntax = GraphqlErrorBuilder.newError().errorType(ErrorType.InvalidSyntax)
                .message("%s", "Invalid syntax with offending token '<EOF>'").build();

        List<GraphQLError> plain = PlainErrors.of(List.of(unknownField, syntax));

        assertThat(plain.get(0).getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
        assertThat(plain.get(1).getExtensions()).containsEntry("code", "GRAPHQL_PARSE_FAILED");
    }

    @Test
    void aNullFieldThatOnlyFollowsAnotherErrorIsDropped() {
        ResultPath path = ResultPath.parse("/costByTenant");
        GraphQLError cause = GraphqlErrorBuilder.newError().path(path).message("%s", "'from' is not a DateTime")
                .extensions(Map.of("code", "BAD_USER_INPUT")).build();
        GraphQLError consequence = new NonNullableFieldWasNullError(
                new graphql.execution.NonNullableFieldWasNullException(
                        graphql.execution.ExecutionStepInfo.newExecutionStepInfo()
                                .type(graphql.schema.GraphQLNonNull.nonNull(graphql.Scalars.GraphQLString))
                                .path(path).build(),
                        path));

        assertThat(PlainErrors.of(List.of(cause, consequence))).containsExactly(cause);
        assertThat(PlainErrors.of(List.of(consequence))).containsExactly(consequence);
    }
}
