package dev.docket.support.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.ErrorCode;
import dev.docket.support.errors.Causes;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import dev.docket.support.errors.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where exceptions become HTTP answers. Every answer is {@code application/problem+json} with a
 * stable {@code code}, the request path as {@code instance} and the request's correlation id. Spring MVC's own
 * exceptions (unknown route, wrong method, bad media type...) keep Spring's status but get a code; client
 * mistakes are 4xx, unavailable dependencies 503, and only real faults 500, never with a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final ObjectProvider<MeterRegistry> meters;

    /** @param meters where each problem answer is counted, by code and status ({@code docket.http.problems}) */
    public ProblemDetailsAdvice(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }


    @ExceptionHandler(DocketException.class)
    ResponseEntity<Object> refused(DocketException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e.code() == ErrorCode.VERSION_MISMATCH && e.properties().get("currentVersion") != null) {
            // The current version as the ETag, so a client can re-read or retry with it.
            headers.setETag("\"" + e.properties().get("currentVersion") + "\"");
        }
        if (Problems.statusOf(e.code()) == HttpStatus.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        return answer(Problems.of(e.code(), e.getMessage(), e.violations(), e.properties()), headers, request);
    }

    /**
     * Everything not handled above. Frameworks wrap (Axon wraps what a command handler throws, Spring wraps what a
     * message converter throws), so the cause chain decides: a refusal inside stays that refusal, an unavailable
     * dependency is 503, and only what remains is a fault.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> fault(Exception e, WebRequest request) {
        DocketException refusal = Causes.find(e, DocketException.class);
        if (refusal != null) {
            return refused(refusal, request);
        }
        PayloadTooLargeException tooLarge = Causes.find(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return answer(tooLarge(tooLarge), new HttpHeaders(), request);
        }
        if (Causes.find(e, MultipartException.class) != null && Causes.find(e, MaxUploadSizeExceededException.class) == null
                || Causes.find(e, org.apache.tomcat.util.http.InvalidParameterException.class) != null) {
            // a body that claims to be multipart or form data and is not: the client's mistake
            return answer(Problems.of(ErrorCode.MALFORMED_REQUEST, "The request body is not well-formed "
                    + "multipart or form data."), new HttpHeaders(), request);
        }
        if (Causes.find(e, AccessDeniedException.class) != null) {
            return answer(Problems.of(ErrorCode.FORBIDDEN, "Your roles do not allow this operation."),
                    new HttpHeaders(), request);
        }
        if (TransientFailures.isTransient(e)) {
            log.warn("Dependency unavailable: {}", e.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return answer(Problems.of(ErrorCode.SERVICE_UNAVAILABLE,
                    "A backing service is unavailable; nothing was changed. Retry shortly."), headers, request);
        }
        log.error("Unexpected fault handling {}", request.getDescription(false), e);
        return answer(Problems.of(ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred. Quote the correlation id when reporting it."), new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(error ->
                violations.add(new FieldViolation(error.getField(), String.valueOf(error.getDefaultMessage()))));
        e.getBindingResult().getGlobalErrors().forEach(error ->
                violations.add(new FieldViolation(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        return answer(invalid(violations), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error ->
                    violations.add(new FieldViolation(name, String.valueOf(error.getDefaultMessage()))));
        });
        return answer(invalid(violations), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "another type" : describeType(e.getRequiredType());
        return answer(invalid(List.of(new FieldViolation(String.valueOf(name), "must be " + expected))), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return answer(invalid(List.of(new FieldViolation(e.getParameterName(), "is required"))), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return answer(invalid(List.of(new FieldViolation(e.getRequestPartName(), "is required"))), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = Causes.find(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return answer(tooLarge(tooLarge), headers, request);
        }
        MalformedBodyException malformed = Causes.find(e, MalformedBodyException.class);
        if (malformed != null) {
            return answer(Problems.of(ErrorCode.MALFORMED_REQUEST, malformed.getMessage(),
                    List.of(new FieldViolation("body", malformed.getMessage()))), headers, request);
        }
        StorableStrings.UnstorableTextException unstorable = Causes.find(e,
                StorableStrings.UnstorableTextException.class);
        if (unstorable != null) {
            return answer(invalid(List.of(new FieldViolation(pathOf(unstorable), unstorable.getOriginalMessage()))),
                    headers, request);
        }
        UnrecognizedPropertyException unknown = Causes.find(e, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return answer(invalid(List.of(new FieldViolation(pathOf(unknown), "is not a known field"))), headers, request);
        }
        MismatchedInputException mismatch = Causes.find(e, MismatchedInputException.class);
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String expected = mismatch.getTargetType() == null ? "of another type" : describeType(mismatch.getTargetType());
            return answer(invalid(List.of(new FieldViolation(pathOf(mismatch), "must be " + expected))), headers, request);
        }
        ValueInstantiationException unusable = Causes.find(e, ValueInstantiationException.class);
        if (unusable != null && !unusable.getPath().isEmpty()) {
            // a typed value whose factory refused the text (an id that is not a UUID)
            return answer(invalid(List.of(new FieldViolation(pathOf(unusable), "must be "
                    + describeType(unusable.getType().getRawClass())))), headers, request);
        }
        JacksonException json = Causes.find(e, JacksonException.class);
        Matcher duplicate = json == null ? null : DUPLICATE.matcher(json.getOriginalMessage());
        if (duplicate != null && duplicate.matches()) {
            return answer(invalid(List.of(new FieldViolation(duplicate.group(1), "is given more than once"))), headers,
                    request);
        }
        String detail;
        if (json instanceof StreamReadException && json.getLocation() != null && json.getLocation().getLineNr() > 0) {
            detail = "The body is not well-formed JSON (line " + json.getLocation().getLineNr()
                    + ", column " + json.getLocation().getColumnNr() + ").";
        } else if (json != null) {
            detail = "The body does not have the expected JSON shape: a JSON object is required.";
        } else {
            detail = "The request body is missing or unreadable.";
        }
        return answer(Problems.of(ErrorCode.MALFORMED_REQUEST, detail), headers, request);
    }

    /** Every other Spring MVC exception: keep its status and headers, give the body our shape and a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ErrorCode code = Problems.codeFor(status.value());
        if (code == ErrorCode.INTERNAL_ERROR) {
            log.error("Unexpected fault handling {}", request.getDescription(false), e);
        }
        String detail = body instanceof ProblemDetail p && p.getDetail() != null && code != ErrorCode.INTERNAL_ERROR
                ? p.getDetail() : code.title();
        ProblemDetail problem = Problems.of(code, detail);
        problem.setStatus(status.value());
        return answer(problem, headers, request);
    }

    private ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            problem.setInstance(java.net.URI.create(servletRequest.getRequestURI()));
            String correlationId = CorrelationIdFilter.currentId(servletRequest);
            if (correlationId != null) {
                problem.setProperty("correlationId", correlationId);
            }
        }
        Object code = problem.getProperties() == null ? null : problem.getProperties().get("code");
        meters.ifAvailable(registry -> registry.counter("docket.http.problems",
                "code", String.valueOf(code), "status", Integer.toString(problem.getStatus())).increment());
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.addAll(headers);
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(answerHeaders).body(problem);
    }

    private static ProblemDetail invalid(List<FieldViolation> violations) {
        DocketException refusal = DocketException.invalid(violations);
        return Problems.of(refusal.code(), refusal.getMessage(), refusal.violations());
    }

    private static ProblemDetail tooLarge(PayloadTooLargeException e) {
        return Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds " + e.limit() + " bytes.");
    }

    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** Jackson's words for a field given twice ({@code STRICT_DUPLICATE_DETECTION}). */
    private static final Pattern DUPLICATE = Pattern.compile(
            "Duplicate Object property \"(.*)\"");

    /** The contract's typed ids: records of one UUID, written as its text. */
    private static final Set<String> ID_TYPES = Set.of("TicketId", "UserId", "CommentId", "AttachmentId", "CalendarId",
            "PolicyBookId");

    /** An enum's names on the wire: its constants' {@code @JsonProperty} values, or their names. */
    private static List<String> wireNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (field.isEnumConstant()) {
                JsonProperty wire = field.getAnnotation(JsonProperty.class);
                names.add(wire == null ? field.getName() : wire.value());
            }
        }
        return names;
    }

    private static String describeType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", wireNames(type));
        }
        if (ID_TYPES.contains(type.getSimpleName()) && type.getPackageName().equals("dev.docket.events")) {
            return "an id (a UUID such as 0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f)";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == java.time.LocalTime.class) {
            return "a time of day such as 09:00";
        }
        if (type == java.time.LocalDate.class) {
            return "a date such as 2026-12-24";
        }
        if (type == java.time.ZoneId.class) {
            return "a time zone such as Europe/Berlin";
        }
        return "of another type";
    }
}
