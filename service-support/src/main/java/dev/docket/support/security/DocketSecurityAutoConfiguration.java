package dev.docket.support.security;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.time.Clock;

/**
 * Each service is an OAuth2 resource server. Requests are stateless (no session, no cookies, so no CSRF token):
 * every one carries a bearer token, validated against the configured issuer. 401 and 403 are problem details like
 * every other error, with the bearer challenge in {@code WWW-Authenticate}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(AuthProperties.class)
public class DocketSecurityAutoConfiguration {

    /** The content security policy of an API that serves no pages: nothing may load, nothing may frame it. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String[] DOCUMENTATION = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
            "/swagger-ui/**"};
    static final String DOCUMENTATION_CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    /** Verified tokens, refused when the service knows their subject was erased (checked on every request). */
    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties, Environment environment, ObjectProvider<ErasedPeople> erased) {
        JwtDecoder verified = TokenDecoders.from(properties, environment, Clock.systemUTC());
        ErasedPeople people = erased.getIfAvailable();
        return people == null ? verified : token -> {
            Jwt jwt = verified.decode(token);
            if (jwt.getSubject() != null && people.isErased(jwt.getSubject())) {
                throw new BadJwtException("the token's subject was erased");
            }
            return jwt;
        };
    }

    /**
     * No observations of the security filters, authentications and authorizations: they wrapped each of the chain's
     * filters on every request, at a measurable cost per command, and said nothing the request's own observation
     * ({@code http.server.requests}, its trace span) does not.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall, except that it lets any method through: it would refuse one it does not know
     * ({@code QUERY}, {@code PROPFIND}) with 400, where HTTP says 405. Nothing is weakened by it: the rules below
     * permit without a token only named methods (GET for health), so any other method needs a valid token, and
     * then Spring MVC answers 405 with the methods the path allows. The firewall's other checks stay.
     */
    @Bean
    WebSecurityCustomizer anyMethodReachesTheRules() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        return web -> web.httpFirewall(firewall);
    }

    /**
     * The API's description and its browser UI are public (they describe, they hold no data) and the UI is a page:
     * it may load its own scripts, styles and images, and nothing from elsewhere.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiDocumentation(HttpSecurity http) throws Exception {
        http.securityMatcher(DOCUMENTATION)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(DOCUMENTATION_CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain docketSecurity(HttpSecurity http, JwtDecoder decoder, AuthProperties properties,
                                       ObjectProvider<AccessRules> serviceRules,
                                       @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = unauthenticated(resolver);
        AccessDeniedHandler forbidden = forbidden(resolver);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers("/error").permitAll();
                    rules.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll();
                    if (properties.publicMetrics()) {
                        rules.requestMatchers(HttpMethod.GET, "/actuator/prometheus").permitAll();
                    }
                    rules.requestMatchers("/actuator/**").hasRole(AccessRole.ADMIN.name());
                    serviceRules.orderedStream().forEach(service -> service.configure(rules));
                    rules.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(
                                new DocketAuthorities(properties.rolesClaim())))
                        // RFC 9728 metadata at /.well-known/oauth-protected-resource, named by every 401's
                        // challenge: it tells a client (an MCP client above all) which issuer's tokens this takes
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                document -> {
                                    String issuer = properties.issuerUri() != null ? properties.issuerUri()
                                            : properties.issuer();
                                    if (issuer != null) {
                                        document.authorizationServer(issuer);
                                    }
                                }))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    private static AuthenticationEntryPoint unauthenticated(HandlerExceptionResolver resolver) {
        BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            challenge.commence(request, response, exception);
            boolean tokenSent = request.getHeader("Authorization") != null;
            resolver.resolveException(request, response, null, new DocketException(ErrorCode.UNAUTHENTICATED,
                    tokenSent ? "The bearer token is invalid or expired." : "A bearer token is required."));
        };
    }

    private static AccessDeniedHandler forbidden(HandlerExceptionResolver resolver) {
        BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            challenge.handle(request, response, exception);
            resolver.resolveException(request, response, null, new DocketException(ErrorCode.FORBIDDEN,
                    "Your roles do not allow this operation."));
        };
    }
}
