package dev.docket.e2e;

import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** A test class that runs against both packaged services, started once for the class. */
abstract class AgainstRunningPlatform {

    static RunningPlatform platform;
    final HttpClient http = HttpClient.newHttpClient();

    /** A request as the default caller, an admin (who also works tickets). */
    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", TestIdentity.admin());
    }

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = new RunningPlatform();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }
}
