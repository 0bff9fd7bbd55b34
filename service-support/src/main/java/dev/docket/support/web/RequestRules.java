package dev.docket.support.web;

import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every request must hold to outside its body, checked once for all operations, after authentication (so a
 * caller without a token hears 401 first) and before any argument is read:
 * <ul>
 * <li>the caller's {@value CorrelationIdFilter#HEADER}, if sent, is well-formed;</li>
 * <li>every query parameter's name and value is storable text ({@link StorableText}), percent-decoded strictly
 * as UTF-8;</li>
 * <li>every query parameter is one the operation reads: a misspelt filter would silently widen a result, and an
 * ignored one would let a client believe it was applied. Docket's own operations only; the names come from the
 * method's {@code @RequestParam}s and the components of its {@code @ParameterObject} records.</li>
 * </ul>
 * One refusal names every parameter at fault.
 */
final class RequestRules implements HandlerInterceptor {

    private static final String OWN_PACKAGE = "dev.docket.";

    private final Map<Method, Optional<Set<String>>> parameters = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return true;
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (CorrelationIdFilter.wasRefused(request)) {
            violations.add(new FieldViolation(CorrelationIdFilter.HEADER, CorrelationIdFilter.RULE));
        }
        List<String> names = queryNames(request.getQueryString(), violations);
        Set<String> known = handler instanceof HandlerMethod method
                ? parameters.computeIfAbsent(method.getMethod(), m -> Optional.ofNullable(known(method)))
                .orElse(null) : null;
        if (known != null) {
            names.stream().distinct().filter(name -> !known.contains(name)).forEach(name -> violations.add(
                    new FieldViolation(name, known.isEmpty() ? "is not a parameter here; this operation takes none"
                            : "is not a parameter here; known: " + String.join(", ", known))));
        }
        if (!violations.isEmpty()) {
            throw DocketException.invalid(violations);
        }
        return true;
    }

    /** The query's parameter names, adding a violation for each name or value that is not storable text. */
    static List<String> queryNames(@Nullable String query, List<FieldViolation> violations) {
        List<String> names = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return names;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name;
            try {
                name = decode(rawName);
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("query", "a parameter name " + e.getMessage()));
                continue;
            }
            names.add(name);
            if (equals >= 0) {
                try {
                    decode(pair.substring(equals + 1));
                } catch (IllegalArgumentException e) {
                    violations.add(new FieldViolation(name, e.getMessage()));
                }
            }
        }
        return names;
    }

    /** Percent-decodes one name or value, {@code +} as a space, as strict UTF-8 without NUL. */
    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hex = i + 2 < raw.length() ? parseHex(raw, i + 1) : -1;
                if (hex < 0) {
                    throw new IllegalArgumentException("is not percent-encoded correctly");
                }
                bytes.write(hex);
                i += 2;
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        StorableText.Utf8 utf8 = new StorableText.Utf8();
        for (byte b : bytes.toByteArray()) {
            String fault = utf8.accept(b & 0xFF);
            if (fault != null) {
                throw new IllegalArgumentException(fault);
            }
        }
        String fault = utf8.end();
        if (fault != null) {
            throw new IllegalArgumentException(fault);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int parseHex(String raw, int at) {
        int high = Character.digit(raw.charAt(at), 16);
        int low = Character.digit(raw.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    /** The query parameters a Docket operation reads, or null when it is not ours or takes any. */
    private static @Nullable Set<String> known(HandlerMethod handler) {
        if (!handler.getBeanType().getName().startsWith(OWN_PACKAGE)) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : handler.getMethod().getParameters()) {
            RequestParam param = parameter.getAnnotation(RequestParam.class);
            if (param != null) {
                if (Map.class.isAssignableFrom(parameter.getType())) {
                    return null;
                }
                String name = !param.name().isEmpty() ? param.name() : param.value();
                names.add(name.isEmpty() ? parameter.getName() : name);
            } else if (parameter.getType().isRecord() && (parameter.isAnnotationPresent(ParameterObject.class)
                    || parameter.isAnnotationPresent(ModelAttribute.class))) {
                for (RecordComponent component : parameter.getType().getRecordComponents()) {
                    names.add(component.getName());
                }
            }
        }
        return names;
    }
}
