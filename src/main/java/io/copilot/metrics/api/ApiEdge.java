package io.copilot.metrics.api;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a GraphQL API class: every failure leaving it is an API error with a code
 * ({@link ApiEdgeInterceptor}), so services and repositories never translate errors themselves.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target(TYPE)
public @interface ApiEdge {
}
