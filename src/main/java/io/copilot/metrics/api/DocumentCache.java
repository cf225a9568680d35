package io.copilot.metrics.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Documents parsed and validated once, then shared: a dashboard sends the same few documents
 * over and over, and every open subscription would otherwise hold a parsed copy of its own.
 * Validation depends only on the document and the schema, so a valid document's entry serves
 * every later request with the same text. Invalid documents are not kept (nothing to gain, and
 * junk must not fill the cache), nor very long ones; when the cache is full it starts afresh.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    static final int MAX_DOCUMENTS = 1024;
    static final int MAX_DOCUMENT_CHARS = 16 * 1024;

    private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        PreparsedDocumentEntry known = documents.get(query);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors() && query.length() <= MAX_DOCUMENT_CHARS) {
            if (documents.size() >= MAX_DOCUMENTS) {
                documents.clear();
            }
            documents.put(query, entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    int size() {
        return documents.size();
    }
}
