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

    /**
     * Earlier versions of the type whose data this record still reads: the same fields, where a later version changed
     * only how they are carried (v2 of the events with personal data seals those fields; v1 carried them clear). A
     * consumer decodes every listed version into this record; events stored under an earlier revision are published
     * under that version.
     */
    int[] earlier() default {};
}
