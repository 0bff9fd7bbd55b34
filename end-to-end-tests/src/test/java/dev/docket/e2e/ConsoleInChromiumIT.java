package dev.docket.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; Selenium is told
 * where they are, so nothing is downloaded): agents work a ticket, a second agent's page follows by itself, a stale
 * edit shows the conflict, a requester sees their own ticket and the public reply, never the internal note; every
 * page passes axe-core's accessibility rules, and screenshots of the queue, the ticket, the dashboard and the
 * requester's view are saved under {@code target/screenshots}. Without Chromium the class is skipped, and says so.
 */
@SharesPlatform
class ConsoleInChromiumIT extends AgainstRunningPlatform {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("DOCKET_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("DOCKET_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration LIVE = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String word = "quince" + UUID.randomUUID().toString().substring(0, 8);
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void chromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) {
            System.err.println("NOTICE: the console's browser tests are SKIPPED: no Chromium at " + CHROMIUM + " and "
                    + DRIVER + " (apt-get install chromium chromium-driver, or set DOCKET_CHROMIUM and "
                    + "DOCKET_CHROMEDRIVER)");
        }
        assumeTrue(present, "no Chromium at " + CHROMIUM + " and " + DRIVER + ": browser tests skipped");
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void agentsWorkATicketLiveAndTheRequesterSeesOnlyTheirPart() throws Exception {
        String requester = registerPerson("Rosa " + word, "rosa-" + word + "@example.com", "requester");
        JsonNode opened = okJson(sendToCommand("POST", "/api/tickets", """
                {"title":"Scanner jams %s","description":"Every third page","priority":"normal","requesterId":"%s"}"""
                .formatted(word, requester)));
        String ticket = opened.get("id").asString();

        WebDriver ana = signInAsNew("Ana " + word, "ana-" + word + "@example.com", "agent");
        ana.get(platform.consoleUrl("/queues/unassigned"));
        waitFor(ana, By.xpath("//table[contains(@class,'tickets')]//a[contains(.,'" + word + "')]"));
        accessible(ana, "queue");
        screenshot(ana, "queue");
        // every column sorts: a first click on Title sorts up it, a second down it
        ana.findElement(By.linkText("Title")).click();
        waitFor(ana, By.xpath("//th[@aria-sort='ascending'][.='Title']"));
        ana.findElement(By.linkText("Title")).click();
        waitFor(ana, By.xpath("//th[@aria-sort='descending'][.='Title']"));

        // search, open
        WebElement search = ana.findElement(By.id("search"));
        search.sendKeys(word);
        search.submit();
        waitFor(ana, By.xpath("//table[contains(@class,'tickets')]//a[contains(.,'Scanner jams')]")).click();
        waitFor(ana, By.cssSelector("form.reply"));
        ana.findElement(By.id("reply")).sendKeys("Replacing the roller, " + word);
        ana.findElement(By.cssSelector("form.reply button")).click();
        waitForText(ana, By.cssSelector(".conversation li.public .body"), "Replacing the roller, " + word);
        ana.findElement(By.id("note")).sendKeys("Internal: third jam this month " + word);
        ana.findElement(By.cssSelector("form.note button")).click();
        waitForText(ana, By.cssSelector(".conversation li.internal .body"), "third jam this month");
        ana.findElement(By.cssSelector("form#assign-me button")).click();
        waitForText(ana, By.cssSelector(".facts"), "Ana " + word);

        // a second agent has the ticket open; Ana's change appears there by itself
        WebDriver bo = signInAsNew("Bo " + word, "bo-" + word + "@example.com", "agent");
        bo.get(platform.consoleUrl("/tickets/" + ticket));
        waitForText(bo, By.cssSelector(".facts"), "Ana " + word);
        select(ana, "status", "in_progress");
        ana.findElement(By.cssSelector("form[action$='/status'] button")).click();
        waitForText(ana, By.cssSelector(".facts"), "in progress");
        waitForText(bo, By.cssSelector(".facts"), "in progress");
        live(bo).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".changed-meanwhile")));
        accessible(bo, "ticket");
        screenshot(bo, "ticket");

        // Bo acts on the version his forms carry: refused, with what changed, his choice not applied
        select(bo, "priority", "urgent");
        bo.findElement(By.cssSelector("form[action$='/priority'] button")).click();
        WebElement conflict = waitFor(bo, By.cssSelector(".conflict"));
        assertThat(conflict.getText()).contains("/status").contains("in_progress");
        String facts = live(bo).until(d -> d.findElement(By.cssSelector(".facts")).getText());
        assertThat(facts).contains("normal")
                .doesNotContain("urgent");

        // the dashboard follows too
        bo.get(platform.consoleUrl("/dashboard"));
        By all = By.xpath("//th[.='all']/following-sibling::td");
        long before = live(bo).until(d -> Long.valueOf(d.findElement(all).getText()));
        okJson(sendToCommand("POST", "/api/tickets", """
                {"title":"Another %s","requesterId":"%s"}""".formatted(word, requester)));
        live(bo).until(driver -> Long.parseLong(driver.findElement(all).getText()) == before + 1);
        accessible(bo, "dashboard");
        screenshot(bo, "dashboard");

        // a saved view of Rosa's tickets: its count in the side bar follows a new ticket by itself
        bo.get(platform.consoleUrl("/views/new"));
        waitFor(bo, By.id("view-name")).sendKeys("Rosa's " + word);
        bo.findElement(By.id("view-filter")).sendKeys("requester = " + requester);
        accessible(bo, "view form");
        bo.findElement(By.cssSelector("main form button")).click();
        By viewCount = By.cssSelector("#queues .views a[aria-current=page] .count");
        live(bo).until(d -> d.findElement(viewCount).getText().equals("2"));
        okJson(sendToCommand("POST", "/api/tickets", """
                {"title":"Third %s","requesterId":"%s"}""".formatted(word, requester)));
        live(bo).until(d -> d.findElement(viewCount).getText().equals("3"));
        waitFor(bo, By.xpath("//table[contains(@class,'tickets')]//a[contains(.,'Third " + word + "')]"));

        // the requester: their tickets, the public reply, never the internal note
        // (in a time zone of her own: the page shows times in it)
        WebDriver rosa = browser("Asia/Kolkata");
        rosa.get(platform.consoleUrl("/sign-in"));
        WebElement row = waitFor(rosa, By.xpath("//tr[td[.='rosa-" + word + "@example.com']]"));
        row.findElement(By.cssSelector("button")).click();
        waitFor(rosa, By.xpath("//table[contains(@class,'tickets')]//a[contains(.,'Scanner jams')]")).click();
        waitForText(rosa, By.cssSelector(".conversation"), "Replacing the roller, " + word);
        assertThat(rosa.getPageSource()).doesNotContain("third jam this month");
        assertThat(rosa.findElements(By.cssSelector("form.note, form#assign-me"))).isEmpty();
        WebElement written = rosa.findElement(By.cssSelector(".conversation li.public time"));
        assertThat(written.getText()).isEqualTo(Instant.parse(written.getAttribute("datetime"))
                .atZone(ZoneId.of("Asia/Kolkata")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        accessible(rosa, "requester ticket");
        screenshot(rosa, "requester");
        // and Ana's next public reply reaches Rosa's open page by itself, her next internal note does not
        ana.findElement(By.id("note")).sendKeys("Internal: order a spare " + word);
        ana.findElement(By.cssSelector("form.note button")).click();
        waitForText(ana, By.cssSelector(".conversation"), "order a spare");
        ana.findElement(By.id("reply")).sendKeys("Fixed, please try again " + word);
        ana.findElement(By.cssSelector("form.reply button")).click();
        waitForText(rosa, By.cssSelector(".conversation"), "Fixed, please try again " + word);
        assertThat(rosa.getPageSource()).doesNotContain("order a spare");
    }

    private WebDriver signInAsNew(String name, String email, String role) throws Exception {
        WebDriver driver = browser();
        driver.get(platform.consoleUrl("/sign-in"));
        waitFor(driver, By.id("new-name")).sendKeys(name);
        driver.findElement(By.id("new-email")).sendKeys(email);
        select(driver, "new-role", role);
        driver.findElement(By.cssSelector("form[action$='/sign-in/local/new'] button")).click();
        waitFor(driver, By.id("queues"));
        accessibleOnce(driver);
        return driver;
    }

    private boolean signInChecked;

    /** The sign-in page is checked once, by the first browser that passes it. */
    private void accessibleOnce(WebDriver driver) throws Exception {
        if (!signInChecked) {
            signInChecked = true;
            driver.get(platform.consoleUrl("/sign-in"));
            accessible(driver, "sign-in");
            driver.navigate().back();
        }
    }

    private WebDriver browser() throws IOException {
        return browser("UTC");
    }

    /** A headless Chromium whose clock reads in {@code zone}. */
    private WebDriver browser(String zone) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("TZ", zone)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }


    /** Waits for what a live page shows; an element swapped by a refresh while being read is looked up again. */
    private static WebDriverWait live(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, LIVE);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static WebElement waitFor(WebDriver driver, By by) {
        return live(driver).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void waitForText(WebDriver driver, By by, String text) {
        live(driver).until(d -> d.findElements(by).stream().anyMatch(e -> e.getText().contains(text)));
    }

    private static void select(WebDriver driver, String id, String value) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Runs axe-core on the page: no violation of its rules (WCAG 2 A and AA among them) is allowed. */
    private static void accessible(WebDriver driver, String page) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe());
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
                        where: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))))
                   .catch(e => done(JSON.stringify([{rule: 'axe-failed', help: String(e)}])));""");
        JsonNode violations = JSON.readTree(String.valueOf(result));
        assertThat(violations.size()).as("accessibility violations on the %s page: %s", page, violations).isZero();
    }

    private static String axeSource;

    private static synchronized String axe() throws IOException {
        if (axeSource == null) {
            try (InputStream in = ConsoleInChromiumIT.class.getResourceAsStream(
                    "/META-INF/resources/webjars/axe-core/" + System.getProperty("docket.axe-core.version", "4.6.3")
                            + "/axe.min.js")) {
                assertThat(in).as("axe-core from its webjar").isNotNull();
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axeSource;
    }
}
