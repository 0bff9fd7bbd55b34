package dev.docket.support.web;

import dev.docket.events.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The error page, for what never reached a controller: a request the security firewall rejected (an encoded line
 * break or {@code ..} in the path), or an error the container raised. Answers a problem detail like every other
 * error, instead of Spring Boot's default error body.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer code ? code : 500;
        ErrorCode code = Problems.codeFor(status);
        ProblemDetail problem = Problems.of(code, ErrorPages.detailFor(code));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && ErrorPages.isPlainPath(path)) {
            problem.setInstance(URI.create(path));
        }
        String correlationId = CorrelationIdFilter.currentId(request);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return ResponseEntity.status(Problems.statusOf(code)).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
