package dev.docket.console.web;

import dev.docket.console.api.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.RestClientException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors as pages in words: an API's refusal shows its {@code detail}; an expired sign-in goes back to the sign-in
 * page; a service that cannot be reached says so. Never a stack trace.
 */
@ControllerAdvice
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(ApiProblem.class)
    String refused(ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (problem.status() == 401) {
            // the token expired or was revoked (an erased person): sign in again
            SecurityContextHolder.clearContext();
            if (request.getSession(false) != null) {
                request.getSession(false).invalidate();
            }
            return "redirect:/sign-in?expired";
        }
        response.setStatus(problem.status() >= 500 ? 502 : problem.status());
        return page(model, problem.status() == 404 ? "Not found" : "Refused", problem.detail(), problem.code());
    }

    @ExceptionHandler(PageNotFound.class)
    String notFound(PageNotFound missing, HttpServletResponse response, Model model) {
        response.setStatus(404);
        return page(model, "Not found", missing.getMessage(), "NOT_FOUND");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badRequest(Exception e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        String detail = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + mismatch.getName() + "' is not valid here."
                : "'" + ((MissingServletRequestParameterException) e).getParameterName() + "' is missing.";
        return page(model, "Bad request", detail, "VALIDATION_FAILED");
    }

    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletResponse response, Model model) {
        response.setStatus(413);
        return page(model, "File too large", "The file is larger than attachments may be.", "PAYLOAD_TOO_LARGE");
    }

    @ExceptionHandler(RestClientException.class)
    String unreachable(RestClientException e, HttpServletResponse response, Model model) {
        log.warn("A Docket API could not be reached: {}", e.toString());
        response.setStatus(502);
        return page(model, "Service unavailable", "A Docket service could not be reached. Try again in a moment.",
                "SERVICE_UNAVAILABLE");
    }

    private static String page(Model model, String title, String detail, String code) {
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        model.addAttribute("code", code);
        return "error";
    }
}
