package dev.docket.support.web;

import dev.docket.events.ErrorCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;

/**
 * Tomcat's own error answers (a request it refuses before any servlet runs: an encoded slash or backslash in the
 * path, a malformed request line) as problem details instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = Problems.codeFor(status);
        String body = "{\"type\":\"" + Problems.typeOf(code) + "\",\"title\":\"" + code.title() + "\",\"status\":"
                + status + ",\"detail\":\"" + ErrorPages.detailFor(code) + "\",\"code\":\"" + code.name() + "\"}";
        try {
            // the body is plain ASCII, and JSON is UTF-8 by definition: no charset parameter, like every other answer
            response.setContentType("application/problem+json");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away; nothing to answer
        }
    }
}
