package dev.docket.console.signin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

import java.util.List;

/**
 * The OpenID Connect provider people sign in with, when {@code DOCKET_CONSOLE_OIDC_ISSUER} names one: its endpoints
 * come from the issuer's discovery document; the console is a client with the code flow and PKCE.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${docket.console.oidc.issuer:}'.isBlank()")
class OidcConfiguration {

    @Bean
    ClientRegistrationRepository clientRegistrations(@Value("${docket.console.oidc.issuer}") String issuer,
                                                     @Value("${docket.console.oidc.client-id}") String clientId,
                                                     @Value("${docket.console.oidc.client-secret:}") String secret,
                                                     @Value("${docket.console.oidc.name}") String name,
                                                     @Value("${docket.console.oidc.scopes}") List<String> scopes) {
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(issuer)
                .registrationId("docket").clientId(clientId).clientSecret(secret).clientName(name).scope(scopes)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    OAuth2AuthorizedClientService authorizedClients(ClientRegistrationRepository registrations) {
        return new InMemoryOAuth2AuthorizedClientService(registrations);
    }
}
