package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

class DocumentCacheTest {

    private final DocumentCache cache = new DocumentCache();
    private final AtomicInteger parsed = new AtomicInteger();

    @Test
    void aValidDocumentIsParsedOnceAndShared() throws Exception {
        Function<ExecutionInput, PreparsedDocumentEntry> parse = valid();
        PreparsedDocumentEntry first = cache.getDocumentAsync(input("{ me { subject } }"), parse).get();
        PreparsedDocumentEntry second = cache.getDocumentAsync(input("{ me { subject } }"), parse).get();

        assertThat(parsed).hasValue(1);
        assertThat(second.getDocument()).isSameAs(first.getDocument());
    }

    @Test
    void anInvalidDocumentIsCheckedEveryTimeAndNotKept() throws Exception {
        Function<ExecutionInput, PreparsedDocumentEntry> invalid = input -> {
            parsed.incrementAndGet();
            return new PreparsedDocumentEntry(ValidationError.newValidationError()
                    .validationErrorType(ValidationErrorType.FieldUndefined).description("no such field").build());
        };
        cache.getDocumentAsync(input("{ nope }"), invalid).get();
        cache.getDocumentAsync(input("{ nope }"), invalid).get();

        assertThat(parsed).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheIsBounded() throws Exception {
        Function<ExecutionInput, PreparsedDocumentEntry> parse = valid();
        for (int i = 0; i <= DocumentCache.MAX_DOCUMENTS + 10; i++) {
            cache.getDocumentAsync(input("{ me { subject } } # " + i), parse).get();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(DocumentCache.MAX_DOCUMENTS);
        cache.getDocumentAsync(input("{ me { subject } } #" + "x".repeat(DocumentCache.MAX_DOCUMENT_CHARS)), parse)
                .get();
        assertThat(cache.size()).isLessThanOrEqualTo(DocumentCache.MAX_DOCUMENTS);
    }

    private Function<ExecutionInput, PreparsedDocumentEntry> valid() {
        return input -> {
            parsed.incrementAndGet();
            Document document = Parser.parse(input.getQuery());
            return new PreparsedDocumentEntry(document);
        };
    }

    private static ExecutionInput input(String query) {
        return ExecutionInput.newExecutionInput(query).build();
    }
}
