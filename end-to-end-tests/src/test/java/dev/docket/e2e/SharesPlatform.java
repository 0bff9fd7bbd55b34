package dev.docket.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that may run on the platform other such classes use, instead of one of its own: it only adds
 * data of its own (people, tickets with its own words) and changes nothing shared (no setting, no stored row changed
 * behind the services' back, no service stopped), so the classes do not see each other.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface SharesPlatform {
}
