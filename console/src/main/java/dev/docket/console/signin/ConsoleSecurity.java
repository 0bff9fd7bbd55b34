package dev.docket.console.signin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in by session: the browser holds a session cookie (HttpOnly, SameSite=Lax), the token stays in the session on
 * the server. People sign in through the configured OpenID Connect provider (authorization code with PKCE), or on
 * {@code ./docket up} through the local sign-in. Every form carries a CSRF token; pages may load only their own
 * scripts and styles.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleSecurity.class);

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations,
                                SecurityContextRepository contexts, OidcSignIn oidcSignIn) throws Exception {
        http.securityContext(context -> context.securityContextRepository(contexts))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/sign-in", "/sign-in/**", "/webjars/**", "/console/**", "/error",
                                "/actuator/health", "/actuator/health/**", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint("/sign-in")))
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signedOut"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        ClientRegistrationRepository clients = registrations.getIfAvailable();
        if (clients != null) {
            DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(clients,
                    "/oauth2/authorization");
            pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(login -> login.loginPage("/sign-in")
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(pkce))
                    .successHandler(oidcSignIn)
                    .failureHandler((request, response, refusal) -> {
                        // the person sees a sentence; whoever runs Docket needs the provider's or the check's reason
                        LOG.warn("OpenID Connect sign-in refused: {}", refusal.getMessage());
                        response.sendRedirect(request.getContextPath() + "/sign-in?error");
                    }));
        }
        return http.build();
    }
}
