package dev.docket.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method as a change: it runs in one transaction, again when it lost a race, and idempotently
 * under an {@code Idempotency-Key} ({@link ChangeRunner}). What identifies the request, beside its method, path and
 * {@code If-Match}, is its {@code @RequestBody} (or, without one, the method's name).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface IdempotentChange {
}
