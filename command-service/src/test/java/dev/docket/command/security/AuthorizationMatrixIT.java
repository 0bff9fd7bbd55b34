package dev.docket.command.security;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.testing.AuthorizationMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the command service, called as every kind of caller, answers as the one authorization matrix
 * says, and the matrix names every endpoint the service maps.
 */
class AuthorizationMatrixIT extends CommandServiceTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointAnswersEveryCallerAsTheMatrixSays() throws Exception {
        assertThat(AuthorizationMatrix.problems("command", port, mappings)).isEmpty();
    }
}
