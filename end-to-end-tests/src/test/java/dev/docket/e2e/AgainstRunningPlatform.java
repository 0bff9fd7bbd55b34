package dev.docket.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.http.HttpClient;

/** A test class that runs against both packaged services, started once for the class. */
abstract class AgainstRunningPlatform {

    static RunningPlatform platform;
    final HttpClient http = HttpClient.newHttpClient();

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
