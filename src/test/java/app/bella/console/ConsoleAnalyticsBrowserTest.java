package app.bella.console;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.analytics.ErrorKinds;
import app.bella.testing.BellaServer;
import app.bella.testing.HeadlessChromium;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Analytics and System tabs in a real headless Chromium with business data seeded in PostgreSQL: speech quality,
 * extraction per slot and path, the recommendations with their savings, errors by kind; and the visible "connection
 * lost" state when Bella stops, back to live when it returns on the same address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAnalyticsBrowserTest {

    static BellaServer bella;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY,
                "bella.console.live-interval-ms", "500", "bella.metrics.snapshot-delay-ms", "3600000"));
        seed();
        browser = HeadlessChromium.start(1280, 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (bella != null) {
            bella.close();
        }
    }

    /** A week of calls as the ledger and the turns record them (times relative to the database's now). */
    static void seed() throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO call_session (call_sid, status, outcome, step, state, created_at) SELECT 'CAseed' || g, 'completed', "
                    + "CASE WHEN g % 4 = 0 THEN 'abandoned' ELSE 'booked' END, 'DONE', '{}', now() - g * interval '2 hours' "
                    + "FROM generate_series(1, 40) g");
            s.execute("INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd, created_at) SELECT 'CAseed1', 'twilio', "
                    + "'recording', 1, 'minute', 0.005, now() - interval '1 hour' FROM generate_series(1, 100)");
            s.execute("INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd, created_at) SELECT 'CAseed1', 'openai', "
                    + "'transcription', 1, 'minute', 0.05, now() - interval '1 hour' FROM generate_series(1, 60)");
            s.execute("INSERT INTO call_turn (call_sid, turn, twiml, step, next_step, engine, extractor, confidence, expected_slot, "
                    + "understood, reasked, corrected, created_at) SELECT 'CAseed2', g, '<Response/>', 'ASK_TIME', "
                    + "CASE WHEN g <= 3 THEN 'ASK_TIME' ELSE 'CONFIRM' END, 'twilio', 'rules', 0.8, 'datetime', g > 3, g <= 3, false, "
                    + "now() - interval '3 hours' FROM generate_series(1, 10) g");
        }
        ErrorKinds errors = bella.camel().getRegistry().lookupByNameAndType("errorKinds", ErrorKinds.class);
        errors.recordError("api-appointments-create", new SQLException("connection refused"), "sql:x", "req-seeded-0001");
    }

    @Test
    @Order(1)
    void analyticsShowsQualityExtractionAndRecommendationsWithSavings() throws Exception {
        signIn();
        tab("analytics");
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("recommendations"), "Transcript cache"));
        // 40 cache hits × $0.05 a transcription
        assertThat(text("recommendations")).contains("40% of recordings").contains("saves about $2.00/month")
                .contains("Busiest");
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("quality"), "re-asked turns"));
        assertThat(text("quality")).contains("30.0%").contains("0.80").contains("75.0%");
        assertThat(text("extraction")).contains("Date/time").contains("rules").contains("70.0%");
        assertThat(browser.findElements(By.cssSelector("#chart-volume .uplot"))).isNotEmpty();
        assertThat(text("budget")).contains("this month");
        shot("analytics-business");

        tab("system");
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors"), "SQLException"));
        assertThat(text("errors")).contains("postgres").contains("api-appointments-create").contains("req-seeded-0001");
        shot("system-errors");
        assertNoJavaScriptErrors();
    }

    @Test
    @Order(2)
    void showsConnectionLostWhileBellaIsDownAndRecovers() throws Exception {
        tab("operations");
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "Live"));
        bella.close();
        wait(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "Connection lost"));
        assertThat(browser.findElement(By.id("live")).getAttribute("class")).contains("bad");
        shot("connection-lost");
        bella = bella.restartOnTheSamePorts();
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "Live"));
        assertThat(browser.findElement(By.id("console")).isDisplayed()).as("still signed in").isTrue();
        shot("connection-back");
        // the browser logs the failed requests while Bella was down: those are the outage, not errors of the page
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("net::ERR_CONNECTION_REFUSED") && !e.getMessage().contains("Failed to load resource")
                        && !e.getMessage().contains("/console/events"))
                .toList();
        assertThat(errors).as(errors.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n"))).isEmpty();
    }

    static void signIn() {
        browser.get(bella.baseUrl() + "/");
        wait(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(BellaServer.ADMIN_KEY);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        wait(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("console")));
    }

    static void tab(String name) {
        browser.findElement(By.id("tab-" + name)).click();
        wait(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-" + name)));
    }

    static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    static WebDriverWait wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    static void shot(String name) throws Exception {
        HeadlessChromium.screenshot(browser, "console-" + name);
    }

    static void assertNoJavaScriptErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as(errors.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n"))).isEmpty();
    }
}
