package dev.docket.support.security;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracing is on (trace ids in logs, W3C propagation), and spans leave the process only when told where to. */
class TracingExportTest extends LocallySigned {

    @Test
    void nothingIsExportedByDefault() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(Tracer.class).getClass().getSimpleName()).isEqualTo("OtelTracer");
            assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
        }
    }

    @Test
    void anOtlpEndpointTurnsTheExporterOn() {
        try (ConfigurableApplicationContext context = start(
                "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces")) {
            assertThat(context.getBeansOfType(SpanExporter.class)).isNotEmpty();
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--docket.auth.local-public-key=" + KEYS.tokenPublicKeyBase64();
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new SpringApplicationBuilder(SecuredApp.class).run(all);
    }
}
