package dev.docket.e2e;

import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.testing.EventStreamClient;
import dev.docket.testing.TestIdentity;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console against the running services, as a browser without scripts uses it (the live updates are followed
 * through its stream directly; the browser tests drive a real Chromium): signing in, the queues and their counts,
 * search, a ticket worked from reply to resolved with the agent recorded as the actor, a stale edit shown as a
 * conflict, and a requester who sees their ticket and its public reply, never the internal note.
 */
@SharesPlatform
class ConsoleIT extends AgainstRunningPlatform {

    private final String word = "kumquat" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAgentWorksATicketAndTheRequesterSeesOnlyTheirPart() throws Exception {
        String requester = registerPerson("Rita " + word, "rita-" + word + "@example.com", "requester");
        JsonNode opened = okJson(sendToCommand("POST", "/api/tickets", """
                {"title":"Printer on fire %s","description":"Third floor, smoking","priority":"high","requesterId":"%s"}"""
                .formatted(word, requester)));
        String ticket = opened.get("id").asString();
        awaitRead(ticket, opened.get("version").asLong());

        ConsoleBrowser agent = new ConsoleBrowser(platform.consoleUrl(""));
        assertThat(agent.open("/queues/open").uri().getPath()).isEqualTo("/sign-in");
        agent.submit("form[action$='/sign-in/local/new']", Map.of("displayName", "Ana " + word,
                "email", "ana-" + word + "@example.com", "role", "agent"));
        assertThat(agent.page().status()).isEqualTo(200);
        assertThat(agent.page().uri().getPath()).isEqualTo("/queues/mine");
        String agentId = personId("ana-" + word + "@example.com");

        // the unassigned queue lists the ticket, and its count is the query API's exact count
        ConsoleBrowser.Page unassigned = agent.open("/queues/unassigned");
        assertThat(unassigned.document().select("table.tickets a.title").eachText()).contains("Printer on fire " + word);
        long apiUnassigned = unassignedOpen();
        assertThat(unassigned.document().selectFirst("#queues a[href$='/queues/unassigned'] .count").text())
                .isEqualTo(Long.toString(apiUnassigned));

        // found by search, opened
        ConsoleBrowser.Page found = agent.open("/queues/open?q=" + word);
        assertThat(found.document().select("table.tickets a.title").eachText()).containsExactly("Printer on fire " + word);
        agent.open(found.document().selectFirst("table.tickets a.title").attr("href"));
        assertThat(agent.page().document().selectFirst("h1").text()).contains("Printer on fire " + word);

        agent.submit("form.reply", Map.of("body", "We are on it, " + word));
        assertThat(agent.page().document().select(".conversation li.public .body").eachText())
                .contains("We are on it, " + word);
        agent.submit("form.note", Map.of("body", "Internal: the customer is on the watch list " + word));
        assertThat(agent.page().document().select(".conversation li.internal .body").eachText())
                .contains("Internal: the customer is on the watch list " + word);
        agent.submit("form#assign-me", Map.of());
        assertThat(fact(agent, "Assignee")).isEqualTo("Ana " + word);

        // a stale edit: a colleague changes the priority while the page shows the old version
        ConsoleBrowser.Page stale = agent.page();
        long seen = Long.parseLong(stale.document().selectFirst("form[action$='/priority'] input[name=version]").val());
        okJson(http.send(authorized(URI.create(platform.commandUrl("/api/tickets/" + ticket + "/priority")))
                .header("Content-Type", "application/json").header("If-Match", "\"" + seen + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"priority\":\"urgent\"}")).build(),
                HttpResponse.BodyHandlers.ofString()));
        ConsoleBrowser.Page conflict = agent.submit("form[action$='/priority']", Map.of("priority", "low"));
        assertThat(conflict.status()).isEqualTo(412);
        assertThat(conflict.document().selectFirst(".conflict").text())
                .contains("version " + seen).contains("/priority").contains("urgent");
        assertThat(fact(agent, "Priority")).isEqualTo("urgent");

        agent.submit("form[action$='/status']", Map.of("status", "resolved", "reason", "fixed the fuser"));
        assertThat(fact(agent, "Status")).isEqualTo("resolved");

        // every change the agent made carries the agent as its actor (the colleague's, the admin's)
        JsonNode history = okJson(http.send(authorized(URI.create(platform.queryUrl("/api/tickets/" + ticket
                + "/history"))).GET().build(), HttpResponse.BodyHandlers.ofString())).get("items");
        List<String> actors = new ArrayList<>();
        history.forEach(entry -> {
            if (entry.get("version").asLong() > 1 && !entry.get("actor").asString().equals(TestIdentity.ADMIN)) {
                actors.add(entry.get("actor").asString());
            }
        });
        assertThat(actors).hasSize(4).containsOnly(agentId);

        // the requester: their ticket and the public reply, never the internal note, no agents' pages
        ConsoleBrowser customer = new ConsoleBrowser(platform.consoleUrl(""));
        customer.open("/sign-in");
        customer.submit("form[action$='/sign-in/local']:has(input[value='" + requester + "'])", Map.of("role", "requester"));
        assertThat(customer.page().uri().getPath()).isEqualTo("/queues/my-open");
        ConsoleBrowser.Page all = customer.open("/queues/my-requests");
        assertThat(all.document().select("table.tickets a.title").eachText()).containsExactly("Printer on fire " + word);
        ConsoleBrowser.Page own = customer.open("/tickets/" + ticket);
        assertThat(own.text()).contains("We are on it, " + word).doesNotContain("watch list");
        assertThat(own.document().select(".conversation li.internal")).isEmpty();
        assertThat(own.document().select("form.note, form#assign-me, form[action$='/status']")).isEmpty();
        assertThat(customer.open("/dashboard").status()).isEqualTo(404);
        ConsoleBrowser.Page others = customer.open("/tickets/" + UUID.randomUUID());
        assertThat(others.status()).isEqualTo(404);
        assertThat(others.text()).contains("No ticket").doesNotContain("Exception").doesNotContain("at dev.docket");
    }

    @Test
    void theLiveStreamOfASessionCarriesChangesAndResumesFromTheLastIdReceived() throws Exception {
        ConsoleBrowser agent = new ConsoleBrowser(platform.consoleUrl(""));
        agent.open("/sign-in");
        agent.submit("form[action$='/sign-in/local/new']", Map.of("displayName", "Live " + word,
                "email", "live-" + word + "@example.com", "role", "agent"));
        String requester = registerPerson("Lee " + word, "lee-" + word + "@example.com", "requester");
        String lastId;
        String ticket;
        try (EventStreamClient live = EventStreamClient.open(agent.http(), platform.consoleUrl("/live"), null, null)) {
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.next(Duration.ofSeconds(30)).name()).isEqualTo("ready");
            JsonNode opened = okJson(sendToCommand("POST", "/api/tickets", """
                    {"title":"Live %s","requesterId":"%s"}""".formatted(word, requester)));
            ticket = opened.get("id").asString();
            String id = ticket;
            lastId = live.take(1, e -> e.name().equals("change") && e.data().contains(id), Duration.ofSeconds(30))
                    .getFirst().id();
        }
        okJson(sendToCommand("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"high\"}"));
        try (EventStreamClient resumed = EventStreamClient.open(agent.http(), platform.consoleUrl("/live"), null,
                lastId)) {
            assertThat(resumed.next(Duration.ofSeconds(30)).name()).isEqualTo("ready");
            String id = ticket;
            assertThat(resumed.take(1, e -> e.name().equals("change"), Duration.ofSeconds(30)).getFirst().data())
                    .contains(id).contains("\"version\":2");
        }
        // without a session there is no stream
        try (EventStreamClient anonymous = EventStreamClient.open(java.net.http.HttpClient.newHttpClient(),
                platform.consoleUrl("/live"), null, null)) {
            assertThat(anonymous.status()).isEqualTo(302);
        }
    }

    @Test
    void anAgentTransfersATicketToAnotherRequesterFoundByEmail() throws Exception {
        String from = registerPerson("Uma " + word, "uma-" + word + "@example.com", "requester");
        String to = registerPerson("Vic " + word, "vic-" + word + "@example.com", "requester");
        JsonNode opened = okJson(sendToCommand("POST", "/api/tickets", """
                {"title":"Badge %s","requesterId":"%s"}""".formatted(word, from)));
        String ticket = opened.get("id").asString();
        awaitRead(ticket, 1);
        ConsoleBrowser agent = new ConsoleBrowser(platform.consoleUrl(""));
        agent.open("/sign-in");
        agent.submit("form[action$='/sign-in/local/new']", Map.of("displayName", "Tess " + word,
                "email", "tess-" + word + "@example.com", "role", "agent"));
        agent.open("/tickets/" + ticket);
        // a file attached through the page comes back byte for byte through its link
        byte[] log = ("printer log " + word + "\n").repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        agent.upload("form[action$='/attachments']", "file", "printer-" + word + ".log", log);
        assertThat(agent.page().status()).isEqualTo(200);
        org.jsoup.nodes.Element link = agent.page().document().selectFirst(".attachments a");
        assertThat(link.text()).isEqualTo("printer-" + word + ".log");
        assertThat(agent.download(link.attr("href"))).isEqualTo(log);
        ConsoleBrowser.Page unknown = agent.submit("form[action$='/requester']",
                Map.of("email", "nobody-" + word + "@example.com"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.document().selectFirst(".error").text()).contains("No requester has the email");
        agent.submit("form[action$='/requester']", Map.of("email", "vic-" + word + "@example.com",
                "reason", "Vic took over"));
        assertThat(agent.page().status()).isEqualTo(200);
        assertThat(fact(agent, "Requester")).isEqualTo("Vic " + word);
        JsonNode view = okJson(http.send(authorized(URI.create(platform.queryUrl("/api/tickets/" + ticket)))
                .GET().build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(view.get("requester").get("id").asString()).isEqualTo(to);
    }

    @Test
    void anAgentSavesAViewFromAQueueItsCountIsExactAndItsExpressionIsCheckedInWords() throws Exception {
        String requester = registerPerson("Vic " + word, "vic-" + word + "@example.com", "requester");
        for (String priority : List.of("urgent", "high", "low")) {
            JsonNode opened = okJson(sendToCommand("POST", "/api/tickets", """
                    {"title":"Boiler %s %s","priority":"%s","requesterId":"%s","tags":["%s"]}"""
                    .formatted(priority, word, priority, requester, "v" + word)));
            awaitRead(opened.get("id").asString(), 1);
        }
        ConsoleBrowser agent = new ConsoleBrowser(platform.consoleUrl(""));
        agent.open("/sign-in");
        agent.submit("form[action$='/sign-in/local/new']", Map.of("displayName", "Viv " + word,
                "email", "viv-" + word + "@example.com", "role", "agent"));

        // from a queue: the form comes filled with the queue's expression and order
        agent.open("/queues/unassigned?sort=title");
        ConsoleBrowser.Page form = agent.open(agent.page().document().selectFirst("a:contains(Save as a view)")
                .attr("href"));
        assertThat(form.document().selectFirst("#view-filter").text()).isEqualTo("assignee = none AND status IN "
                + "(open, in_progress, waiting_on_customer)");
        assertThat(form.document().selectFirst("#view-sort option[selected]").val()).isEqualTo("title");

        // an expression the search refuses: the API's words, the draft kept, nothing saved
        ConsoleBrowser.Page refused = agent.submit("form[action$='/views']", Map.of("name", "Hot boilers",
                "filter", "tag = v" + word + " AND priority >= hihg", "sort", "-priority"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().selectFirst(".error").text()).contains("position");
        assertThat(refused.document().selectFirst("#view-name").val()).isEqualTo("Hot boilers");
        assertThat(refused.document().select("#queues .views a").eachText()).noneMatch(t -> t.contains("Hot"));

        ConsoleBrowser.Page view = agent.submit("form[action$='/views']", Map.of("name", "Hot boilers",
                "filter", "tag = v" + word + " AND priority >= high", "sort", "-priority"));
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.uri().getPath()).startsWith("/views/");
        assertThat(view.document().select("table.tickets a.title").eachText())
                .containsExactly("Boiler urgent " + word, "Boiler high " + word);
        Element named = view.document().selectFirst("#queues .views a[aria-current=page]");
        assertThat(named.text()).contains("Hot boilers");
        // the page comes without the views' counts (each reads every match); they follow in a request of their own
        assertThat(named.selectFirst(".count").text()).isEqualTo("…");
        Element entry = agent.open("/views/side?current=" + view.uri().getPath()).document()
                .selectFirst(".views a[aria-current=page]");
        String filter = "tag = v" + word + " AND priority >= high";
        JsonNode count = okJson(http.send(authorized(URI.create(platform.queryUrl("/api/tickets/count?filter="
                + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8)))).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(entry.selectFirst(".count").text()).isEqualTo("2").isEqualTo(count.get("count").asString());

        // changed, then removed
        agent.open(view.uri().getPath() + "/edit");
        ConsoleBrowser.Page changed = agent.submit("form[action^='/views/']", Map.of("name", "All boilers",
                "filter", "tag = v" + word, "sort", "title"));
        assertThat(changed.document().select("table.tickets a.title").eachText()).containsExactly(
                "Boiler high " + word, "Boiler low " + word, "Boiler urgent " + word);
        assertThat(agent.open("/views/side?current=" + changed.uri().getPath()).document()
                .selectFirst(".views a[aria-current=page] .count").text()).isEqualTo("3");
        agent.open(changed.uri().getPath());
        agent.submit("form[action$='/delete']", Map.of());
        assertThat(agent.page().document().select("#queues .views a").eachText()).noneMatch(t -> t.contains("boilers"));
        assertThat(agent.open(view.uri().getPath()).status()).isEqualTo(404);
    }

    @Test
    void anAgentSignsInThroughAnOpenIdConnectProviderWithPkceAndActsAsTheTokensSubject() throws Exception {
        String agentId = registerPerson("Oona " + word, "oona-" + word + "@example.com", "agent");
        JsonNode opened = okJson(sendToCommand("POST", "/api/tickets", """
                {"title":"Badge reader %s","requesterId":"%s"}""".formatted(word,
                registerPerson("Rik " + word, "rik-" + word + "@example.com", "requester"))));
        String ticket = opened.get("id").asString();
        awaitRead(ticket, 1);
        int port = LocalKafkaBroker.freePorts(1)[0];
        try (OpenIdProvider provider = new OpenIdProvider();
             var console = platform.startConsole(port, Map.of(
                     "DOCKET_CONSOLE_OIDC_ISSUER", provider.issuer(),
                     "DOCKET_CONSOLE_OIDC_CLIENT_ID", OpenIdProvider.CLIENT_ID,
                     "DOCKET_CONSOLE_OIDC_CLIENT_SECRET", OpenIdProvider.CLIENT_SECRET,
                     "DOCKET_CONSOLE_OIDC_NAME", "Example SSO"), "console-oidc.log")) {
            ConsoleBrowser browser = new ConsoleBrowser("http://127.0.0.1:" + port);
            ConsoleBrowser.Page signIn = browser.open("/queues/open");
            assertThat(signIn.uri().getPath()).isEqualTo("/sign-in");
            // without the local identity's key there is no local sign-in, only the organisation's
            assertThat(signIn.document().select("form[action$='/sign-in/local/new']")).isEmpty();
            String start = signIn.document().selectFirst("a:contains(Sign in with Example SSO)").attr("href");

            // an ID token that answers another sign-in (its nonce) signs no one in, and the console's log says why
            java.nio.file.Path log = java.nio.file.Path.of("target", "e2e-logs", "console-oidc.log");
            int logged = java.nio.file.Files.readString(log).length();
            provider.signInNext(new OpenIdProvider.Person(agentId, "Oona " + word, List.of("agent")), true);
            ConsoleBrowser.Page refused = browser.open(start);
            assertThat(refused.uri().getPath()).isEqualTo("/sign-in");
            assertThat(refused.document().selectFirst(".error").text()).contains("did not succeed");
            assertThat(browser.open("/queues/open").uri().getPath()).isEqualTo("/sign-in");
            assertThat(java.nio.file.Files.readString(log).substring(logged))
                    .contains("OpenID Connect sign-in refused").contains("nonce");

            // the code flow: the provider saw S256 and the verifier that matches it, and the console's calls carry
            // the provider's access token
            provider.signInNext(new OpenIdProvider.Person(agentId, "Oona " + word, List.of("agent")), false);
            ConsoleBrowser.Page landed = browser.open(start);
            assertThat(provider.tokenRequests).containsExactly("issued", "issued");
            assertThat(landed.uri().getPath()).isEqualTo("/queues/mine");
            assertThat(landed.document().selectFirst(".who").text()).contains("Oona " + word).contains("agent");

            browser.open("/tickets/" + ticket);
            browser.submit("form.reply", Map.of("body", "Looking at the reader, " + word));
            browser.submit("form#assign-me", Map.of());
            JsonNode history = okJson(http.send(authorized(URI.create(platform.queryUrl("/api/tickets/" + ticket
                    + "/history?minVersion=3"))).GET().build(), HttpResponse.BodyHandlers.ofString()));
            List<String> actors = new ArrayList<>();
            history.get("items").forEach(entry -> actors.add(entry.get("actor").asString()));
            assertThat(actors.subList(1, actors.size())).containsOnly(agentId).hasSize(2);
        }
    }

    @Test
    void anUnknownQueueOrTicketIsAPageInWordsNeverATrace() throws Exception {
        ConsoleBrowser agent = new ConsoleBrowser(platform.consoleUrl(""));
        agent.open("/sign-in");
        agent.submit("form[action$='/sign-in/local/new']", Map.of("displayName", "Err " + word,
                "email", "err-" + word + "@example.com", "role", "agent"));
        ConsoleBrowser.Page queue = agent.open("/queues/nowhere");
        assertThat(queue.status()).isEqualTo(404);
        assertThat(queue.text()).contains("There is no queue nowhere");
        ConsoleBrowser.Page malformed = agent.open("/tickets/not-a-ticket");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text()).doesNotContain("Exception").doesNotContain("at org.");
        agent.open("/queues/open");
        ConsoleBrowser.Page taken = agent.submit("form[action$='/sign-out']", Map.of());
        assertThat(taken.uri().getPath()).isEqualTo("/sign-in");
        agent.submit("form[action$='/sign-in/local/new']", Map.of("displayName", "Err again",
                "email", "err-" + word + "@example.com", "role", "agent"));
        assertThat(agent.page().status()).isEqualTo(200);
        assertThat(agent.page().document().selectFirst(".error").text()).containsIgnoringCase("email");
    }


    /** Waits until the query side holds the subject at the version (a ticket, or a person through the people list). */
    private void awaitRead(String subject, long version) throws Exception {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> ticket = http.send(authorized(URI.create(platform.queryUrl("/api/tickets/" + subject)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (ticket.statusCode() == 200) {
                return okJson(ticket).get("version").asLong() >= version;
            }
            HttpResponse<String> people = http.send(authorized(URI.create(platform.queryUrl("/api/people?limit=200")))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return people.body().contains(subject);
        });
    }

    private String personId(String email) throws Exception {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.send(authorized(URI.create(
                platform.queryUrl("/api/people?limit=200"))).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body().contains(email));
        JsonNode people = okJson(http.send(authorized(URI.create(platform.queryUrl("/api/people?q="
                + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)))).GET().build(),
                HttpResponse.BodyHandlers.ofString())).get("items");
        assertThat(people).hasSize(1);
        return people.get(0).get("id").asString();
    }

    private long unassignedOpen() throws Exception {
        JsonNode assignees = okJson(http.send(authorized(URI.create(platform.queryUrl("/api/stats/assignee-counts")))
                .GET().build(), HttpResponse.BodyHandlers.ofString())).get("assignees");
        for (JsonNode row : assignees) {
            if (row.get("assignee").isNull()) {
                JsonNode by = row.get("byStatus");
                return by.path("open").asLong() + by.path("in_progress").asLong()
                        + by.path("waiting_on_customer").asLong();
            }
        }
        return 0;
    }

    private static String fact(ConsoleBrowser browser, String name) {
        return browser.page().document().select(".facts div").stream()
                .filter(d -> d.selectFirst("dt").text().equals(name)).findFirst().orElseThrow()
                .selectFirst("dd").text();
    }
}
