package dev.docket.command.web;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The documented success of a change to an existing ticket or person: 200 with the new version, also as the ETag.
 * The body's schema comes from the method's return type; the problem answers from the shared customisation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs",
        headers = @Header(name = "ETag", description = "The new version"))
@interface ChangeAnswers {
}
