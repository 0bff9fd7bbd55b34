package dev.docket.console.signin;

import dev.docket.console.api.ApiProblem;
import dev.docket.console.api.DocketApi;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sign-in page: the configured OpenID Connect provider, and on {@code ./docket up} the local sign-in, which lists
 * the people registered (or registers a new one) and signs in as the one picked, with the role picked.
 */
@Controller
class SignInController {

    private static final Set<String> ROLES = Set.of("requester", "agent", "admin");

    private final LocalIdentity local;
    private final DocketApi api;
    private final SecurityContextRepository contexts;
    private final ObjectProvider<ClientRegistrationRepository> registrations;

    SignInController(LocalIdentity local, DocketApi api, SecurityContextRepository contexts,
                     ObjectProvider<ClientRegistrationRepository> registrations) {
        this.local = local;
        this.api = api;
        this.contexts = contexts;
        this.registrations = registrations;
    }

    @GetMapping("/sign-in")
    String page(Model model) {
        model.addAttribute("local", local.active());
        model.addAttribute("providers", providers());
        if (local.active()) {
            try {
                model.addAttribute("people", api.get(local.consoleAdminToken(),
                        uri -> uri.path("/api/people").queryParam("limit", 200).build()).get("items"));
            } catch (ApiProblem | org.springframework.web.client.RestClientException e) {
                model.addAttribute("people", List.of());
                model.addAttribute("error", "The people could not be listed: "
                        + (e instanceof ApiProblem problem ? problem.detail() : "the query service is not reachable."));
            }
        }
        return "sign-in";
    }

    @PostMapping("/sign-in/local")
    String signIn(@RequestParam String personId, @RequestParam String name, @RequestParam String role,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!local.active()) {
            return "redirect:/sign-in";
        }
        if (!ROLES.contains(role) || personId.isBlank()) {
            model.addAttribute("error", "Pick a person and one of the roles requester, agent or admin.");
            return page(model);
        }
        start(local.signIn(personId.strip(), name.isBlank() ? personId : name.strip(), role), request, response);
        return "redirect:/";
    }

    /** Registers a new person (as the console, an admin of the local identity) and signs in as them. */
    @PostMapping("/sign-in/local/new")
    String register(@RequestParam String email, @RequestParam String displayName, @RequestParam String role,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!local.active()) {
            return "redirect:/sign-in";
        }
        if (!ROLES.contains(role)) {
            model.addAttribute("error", "The role must be requester, agent or admin.");
            return page(model);
        }
        try {
            Map<String, Object> registered = api.post(local.consoleAdminToken(), "/api/users",
                    Map.of("email", email, "displayName", displayName, "role", role));
            start(local.signIn(String.valueOf(registered.get("id")), displayName.strip(), role), request, response);
            return "redirect:/";
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.detail());
            return page(model);
        }
    }

    private void start(ConsoleUser user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ConsoleAuthentication(user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    record Provider(String id, String name) {
    }

    private List<Provider> providers() {
        List<Provider> providers = new ArrayList<>();
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                providers.add(new Provider(client.getRegistrationId(), client.getClientName()));
            }
        }
        return providers;
    }
}
