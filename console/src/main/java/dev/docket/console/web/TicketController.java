package dev.docket.console.web;

import dev.docket.console.api.ApiProblem;
import dev.docket.console.api.DocketApi;
import dev.docket.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ticket: its conversation, attachments, timeline and actions. Every action sends the version the page showed; when
 * a colleague changed the ticket meanwhile, the page comes back at the current version with what changed between the
 * two (the query API's diff) and the agent's own input kept, to decide again: never a silent overwrite. After an
 * action the page is read at least at the new version (read your own writes).
 */
@Controller
class TicketController {

    private final DocketApi api;

    TicketController(DocketApi api) {
        this.api = api;
    }

    @GetMapping("/tickets/{id}")
    String ticket(@PathVariable UUID id, @RequestParam(required = false) @Nullable Long minVersion,
                  @RequestParam(required = false) @Nullable String asOf,
                  @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
                  @AuthenticationPrincipal ConsoleUser user, Model model) {
        show(id, minVersion, asOf, user, model);
        return htmx != null ? "ticket :: main" : "ticket";
    }

    /** What changed between two versions of the ticket (the timeline's compare), as a fragment. */
    @GetMapping("/tickets/{id}/diff")
    String diff(@PathVariable UUID id, @RequestParam long from, @RequestParam(required = false) @Nullable Long to,
                @AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("changes", diffOps(user, id, from, to));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "ticket :: diff";
    }

    @PostMapping("/tickets/{id}/comments")
    String comment(@PathVariable UUID id, @RequestParam long version, @RequestParam String body,
                   @RequestParam(defaultValue = "public") String visibility, @AuthenticationPrincipal ConsoleUser user,
                   Model model, HttpServletResponse response) {
        String kind = user.worksTickets() && "internal".equals(visibility) ? "internal" : "public";
        return act(id, version, user, model, response, Map.of("comment", body, "visibility", kind),
                () -> api.change(user, "POST", "/api/tickets/" + id + "/comments",
                        Map.of("body", body, "visibility", kind), version));
    }

    @PostMapping("/tickets/{id}/assignee")
    String assign(@PathVariable UUID id, @RequestParam long version, @RequestParam String assignee,
                  @AuthenticationPrincipal ConsoleUser user, Model model, HttpServletResponse response) {
        String who = "me".equals(assignee) ? user.subject() : assignee;
        return act(id, version, user, model, response, Map.of(), () -> "none".equals(who)
                ? api.change(user, "DELETE", "/api/tickets/" + id + "/assignee", null, version)
                : api.change(user, "PUT", "/api/tickets/" + id + "/assignee", Map.of("assigneeId", who), version));
    }

    @PostMapping("/tickets/{id}/status")
    String status(@PathVariable UUID id, @RequestParam long version, @RequestParam String status,
                  @RequestParam(required = false) @Nullable String reason, @AuthenticationPrincipal ConsoleUser user,
                  Model model, HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("status", status));
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        return act(id, version, user, model, response, Map.of(),
                () -> api.change(user, "PUT", "/api/tickets/" + id + "/status", body, version));
    }

    @PostMapping("/tickets/{id}/priority")
    String priority(@PathVariable UUID id, @RequestParam long version, @RequestParam String priority,
                    @AuthenticationPrincipal ConsoleUser user, Model model, HttpServletResponse response) {
        return act(id, version, user, model, response, Map.of(),
                () -> api.change(user, "PUT", "/api/tickets/" + id + "/priority", Map.of("priority", priority), version));
    }

    @PostMapping("/tickets/{id}/tags")
    String tags(@PathVariable UUID id, @RequestParam long version, @RequestParam(defaultValue = "") String add,
                @RequestParam(defaultValue = "") String remove, @AuthenticationPrincipal ConsoleUser user, Model model,
                HttpServletResponse response) {
        Map<String, Object> body = Map.of("add", words(add), "remove", words(remove));
        return act(id, version, user, model, response, Map.of(),
                () -> api.change(user, "PATCH", "/api/tickets/" + id + "/tags", body, version));
    }

    /** Moves the ticket to another requester, found by their email (an agent's action, with a reason). */
    @PostMapping("/tickets/{id}/requester")
    String transfer(@PathVariable UUID id, @RequestParam long version, @RequestParam String email,
                    @RequestParam(required = false) @Nullable String reason, @AuthenticationPrincipal ConsoleUser user,
                    Model model, HttpServletResponse response) {
        return act(id, version, user, model, response, Map.of(), () -> {
            List<?> found = (List<?>) api.get(user, uri -> uri.path("/api/people").queryParam("role", "requester")
                    .queryParam("q", "{q}").queryParam("limit", 2).build(Map.of("q", email.strip()))).get("items");
            List<?> exact = found.stream().filter(p -> email.strip().equalsIgnoreCase(
                    String.valueOf(((Map<?, ?>) p).get("email")))).toList();
            if (exact.size() != 1) {
                throw new ApiProblem(422, "USER_NOT_FOUND", "No requester has the email " + email.strip() + ".",
                        null);
            }
            Map<String, Object> body = new LinkedHashMap<>(Map.of("requesterId", ((Map<?, ?>) exact.getFirst())
                    .get("id")));
            if (reason != null && !reason.isBlank()) {
                body.put("reason", reason.strip());
            }
            return api.change(user, "PUT", "/api/tickets/" + id + "/requester", body, version);
        });
    }

    @PostMapping("/tickets/{id}/archive")
    String archive(@PathVariable UUID id, @RequestParam long version, @AuthenticationPrincipal ConsoleUser user,
                   Model model, HttpServletResponse response) {
        return act(id, version, user, model, response, Map.of(),
                () -> api.change(user, "POST", "/api/tickets/" + id + "/archive", Map.of(), version));
    }

    @PostMapping("/tickets/{id}/restore")
    String restore(@PathVariable UUID id, @RequestParam long version, @AuthenticationPrincipal ConsoleUser user,
                   Model model, HttpServletResponse response) {
        return act(id, version, user, model, response, Map.of(),
                () -> api.change(user, "POST", "/api/tickets/" + id + "/restore", null, version));
    }

    @PostMapping("/tickets/{id}/attachments")
    String attach(@PathVariable UUID id, @RequestParam long version, @RequestParam("file") MultipartFile file,
                  @AuthenticationPrincipal ConsoleUser user, Model model, HttpServletResponse response) {
        return act(id, version, user, model, response, Map.of(), () -> {
            HttpHeaders part = new HttpHeaders();
            part.setContentDispositionFormData("file",
                    file.getOriginalFilename() == null ? "file" : file.getOriginalFilename());
            part.setContentType(file.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                    : MediaType.parseMediaType(file.getContentType()));
            org.springframework.util.MultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
            parts.add("file", new org.springframework.http.HttpEntity<>(file.getResource(), part));
            return api.upload(user, "/api/tickets/" + id + "/attachments", parts, version);
        });
    }

    @GetMapping("/tickets/{id}/attachments/{attachment}")
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID attachment,
                                    @AuthenticationPrincipal ConsoleUser user) {
        ResponseEntity<byte[]> file = api.download(user, "/api/tickets/" + id + "/attachments/" + attachment);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        String disposition = file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition == null ? "attachment" : disposition);
        headers.set("X-Content-Type-Options", "nosniff");
        return ResponseEntity.ok().headers(headers).body(file.getBody());
    }

    /** Opens a ticket: a requester's own, or an agent's for a requester picked. */
    @PostMapping("/tickets")
    String open(@RequestParam String title, @RequestParam(defaultValue = "") String description,
                @RequestParam(defaultValue = "normal") String priority,
                @RequestParam(required = false) @Nullable String requesterId,
                @AuthenticationPrincipal ConsoleUser user, Model model, HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("title", title, "priority", priority));
        if (!description.isBlank()) {
            body.put("description", description);
        }
        if (user.worksTickets() && requesterId != null && !requesterId.isBlank()) {
            body.put("requesterId", requesterId.strip());
        }
        try {
            Map<String, Object> opened = api.change(user, "POST", "/api/tickets", body, null);
            return "redirect:/tickets/" + opened.get("id") + "?minVersion=" + opened.get("version");
        } catch (ApiProblem problem) {
            response.setStatus(problem.status() >= 500 ? 502 : problem.status());
            model.addAttribute("error", problem.detail());
            model.addAttribute("draft", body);
            model.addAttribute("user", user);
            return "new-ticket";
        }
    }

    @GetMapping("/tickets/new")
    String newTicket(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("draft", Map.of());
        if (user.worksTickets()) {
            model.addAttribute("requesters", people(user, "requester"));
        }
        return "new-ticket";
    }

    /**
     * Sends one change; on success reads the ticket at the new version. On a stale version the page shows the ticket
     * as it is now, what changed since the version the agent saw, and the agent's input again; on another refusal its
     * words.
     */
    private String act(UUID id, long version, ConsoleUser user, Model model, HttpServletResponse response,
                       Map<String, Object> draft, java.util.function.Supplier<Map<String, Object>> change) {
        try {
            Map<String, Object> changed = change.get();
            return "redirect:/tickets/" + id + "?minVersion=" + changed.get("version");
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            response.setStatus(problem.status() >= 500 ? 502 : problem.status());
            show(id, null, null, user, model);
            model.addAttribute("draft", draft);
            if (problem.staleVersion()) {
                long current = problem.currentVersion() != null ? problem.currentVersion()
                        : ((Number) ((Map<?, ?>) model.getAttribute("ticket")).get("version")).longValue();
                model.addAttribute("conflict", Map.of("seen", version, "current", current, "detail", problem.detail(),
                        "changes", diffOps(user, id, version, current)));
            } else {
                model.addAttribute("error", problem.detail());
            }
            return "ticket";
        }
    }

    private void show(UUID id, @Nullable Long minVersion, @Nullable String asOf, ConsoleUser user, Model model) {
        Map<String, Object> ticket = api.get(user, uri -> {
            uri.path("/api/tickets/{id}");
            if (minVersion != null) {
                uri.queryParam("minVersion", minVersion);
            }
            if (asOf != null && !asOf.isBlank()) {
                uri.queryParam("asOf", "{asOf}");
            }
            return uri.build(Map.of("id", id, "asOf", asOf == null ? "" : asOf.strip()));
        });
        Map<String, Object> history = api.get(user, uri -> uri.path("/api/tickets/{id}/history")
                .queryParam("limit", 200).build(id));
        List<?> agents = user.worksTickets() ? people(user, "agent") : List.of();
        Map<String, String> names = new java.util.HashMap<>();
        for (Object agent : agents) {
            Map<?, ?> person = (Map<?, ?>) agent;
            names.put(String.valueOf(person.get("id")), String.valueOf(person.get("displayName")));
        }
        for (String role : List.of("requester", "assignee")) {
            if (ticket.get(role) instanceof Map<?, ?> person && person.get("name") != null) {
                names.put(String.valueOf(person.get("id")), String.valueOf(person.get("name")));
            }
        }
        names.put(user.subject(), user.displayName() + " (you)");
        model.addAttribute("ticket", ticket);
        model.addAttribute("history", Timeline.of((List<?>) history.getOrDefault("items", List.of()), names));
        model.addAttribute("asOf", asOf == null || asOf.isBlank() ? null : asOf.strip());
        model.addAttribute("user", user);
        model.addAttribute("agents", agents);
    }

    private List<?> diffOps(ConsoleUser user, UUID id, long from, @Nullable Long to) {
        Object ops = api.get(user, uri -> {
            uri.path("/api/tickets/{id}/diff").queryParam("from", from);
            if (to != null) {
                uri.queryParam("to", to);
            }
            return uri.build(id);
        }).get("patch");
        return ops instanceof List<?> list ? list : List.of();
    }

    private List<?> people(ConsoleUser user, String role) {
        Object items = api.get(user, uri -> uri.path("/api/people").queryParam("role", role)
                .queryParam("limit", 200).build()).get("items");
        return items instanceof List<?> list ? list : List.of();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(w -> !w.isEmpty()).toList();
    }
}
