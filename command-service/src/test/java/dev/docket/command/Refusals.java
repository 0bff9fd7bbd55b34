package dev.docket.command;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matchers for the refusals aggregates throw, for {@code expectException} in fixture tests. */
public final class Refusals {

    private Refusals() {
    }

    /** A {@code VALIDATION_FAILED} refusal that names {@code field} among its violations. */
    public static Matcher<DocketException> validationFailureOf(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DocketException e) {
                return e.code() == ErrorCode.VALIDATION_FAILED
                        && e.violations().stream().map(FieldViolation::field).anyMatch(field::equals);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a VALIDATION_FAILED refusal naming " + field);
            }
        };
    }

    public static Matcher<DocketException> refusal(ErrorCode code) {
        return refusal(code, "", "");
    }

    /** A refusal with {@code code} whose problem member {@code property} equals {@code value} ("" for any). */
    public static Matcher<DocketException> refusal(ErrorCode code, String property, Object value) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DocketException e) {
                return e.code() == code && (property.isEmpty() || value.equals(e.properties().get(property)));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + code + " refusal" + (property.isEmpty() ? "" : " with " + property + "=" + value));
            }
        };
    }
}
