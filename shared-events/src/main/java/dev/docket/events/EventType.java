package dev.docket.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The public, versioned type of an event, independent of its Java class name. Published as
 * {@code <name>.v<version>}, for example {@code dev.docket.ticket.opened.v1}. The version moves together with
 * the record's Axon {@code @Revision}; a test holds the two equal.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String name();

    int version();
}
