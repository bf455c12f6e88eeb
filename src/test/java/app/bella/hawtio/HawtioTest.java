package app.bella.hawtio;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.HeadlessChromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Hawtio started by its launcher in a JVM of its own, against a running Bella: an operator logs in with Hawtio's
 * password and reads route statistics, Kamelet routes and circuit breakers through Hawtio's Jolokia proxy.
 */
class HawtioTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HAWTIO_PASSWORD = "hawtio-test-password-42";
    static final String MANAGEMENT_USER = "ops";
    static final String MANAGEMENT_PASSWORD = "management-test-password-0123456789";
    static BellaServer bella;
    static Process hawtio;
    static int hawtioPort;
    static Path hawtioLog;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", "test-admin-key-0123456789abcdef0123456789"));
        hawtioPort = BellaServer.freePort();
        hawtioLog = Files.createTempFile("hawtio", ".log");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, HawtioLauncher.class.getName());
        pb.environment().put("HAWTIO_PORT", String.valueOf(hawtioPort));
        pb.environment().put("HAWTIO_USER", "operator");
        pb.environment().put("HAWTIO_PASSWORD", HAWTIO_PASSWORD);
        pb.environment().put("HAWTIO_WAR", System.getProperty("hawtio.war", ""));
        // until the management port lands, Bella's Jolokia is on the public port
        pb.environment().put("BELLA_JOLOKIA_URL", bella.managementUrl() + "/observe/jolokia");
        pb.environment().put("BELLA_MANAGEMENT_USER", MANAGEMENT_USER);
        pb.environment().put("BELLA_MANAGEMENT_PASSWORD", MANAGEMENT_PASSWORD);
        hawtio = pb.redirectErrorStream(true).redirectOutput(hawtioLog.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (http().send(get("/hawtio/auth/config/session-timeout"), HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !hawtio.isAlive()) {
                throw new IllegalStateException("Hawtio did not start:\n" + Files.readString(hawtioLog));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (hawtio != null) {
            hawtio.destroy();
            hawtio.waitFor();
        }
        if (bella != null) {
            bella.close();
        }
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager()).build();
    }

    static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hawtioPort + path)).timeout(Duration.ofSeconds(20)).GET().build();
    }

    static String proxy() {
        return "/hawtio/proxy/http/127.0.0.1/" + bella.managementPort() + "/observe/jolokia";
    }

    static HttpResponse<String> jolokia(HttpClient client, Object request) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hawtioPort + proxy()))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient loggedIn() throws Exception {
        HttpClient client = http();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hawtioPort + "/hawtio/auth/login"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"operator\",\"password\":\"" + HAWTIO_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return client;
    }

    @Test
    void readsARoutesExchangeCountThroughHawtiosProxy() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(bella.get("/").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = jolokia(loggedIn(), Map.of("type", "read",
                "mbean", "org.apache.camel:context=bella,type=routes,name=\"console-page\"", "attribute", "ExchangesTotal"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("status").asInt()).as(r.body()).isEqualTo(200);
        assertThat(answer.get("value").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void kameletRoutesAndCircuitBreakersShowUpById() throws Exception {
        HttpClient client = loggedIn();
        JsonNode routes = JSON.readTree(jolokia(client, Map.of("type", "search", "mbean", "org.apache.camel:type=routes,*")).body());
        List<String> routeNames = values(routes.get("value"));
        assertThat(routeNames).anyMatch(n -> n.contains("name=\"twilio-sms-sink-"));
        JsonNode processors = JSON.readTree(jolokia(client, Map.of("type", "search", "mbean", "org.apache.camel:type=processors,*")).body());
        List<String> processorNames = values(processors.get("value"));
        for (String breaker : List.of("whisper-breaker", "llm-breaker", "twilio-sms-breaker", "slack-breaker", "smtp-breaker")) {
            assertThat(processorNames).as(breaker).anyMatch(n -> n.contains("name=\"" + breaker + "\""));
        }
    }

    @Test
    void hawtioAsksForItsOwnLogin() throws Exception {
        HttpResponse<String> anonymous = jolokia(http(), Map.of("type", "version"));
        assertThat(anonymous.statusCode()).isIn(401, 403);
        HttpResponse<String> wrong = http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hawtioPort + "/hawtio/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"operator\",\"password\":\"guess\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isIn(401, 403);
        // the start page defines the Bella connection for Hawtio's Connect plugin: Jolokia is on the management port
        HttpResponse<String> start = http().send(get("/"), HttpResponse.BodyHandlers.ofString());
        assertThat(start.body()).contains("connect.connections").contains("\"port\":" + bella.managementPort()).contains("?con=bella")
                .doesNotContain(MANAGEMENT_PASSWORD);
    }

    @Test
    void anOperatorSeesBellasRoutesInTheBrowser() throws Exception {
        HeadlessChromium.assumeInstalled();
        for (int i = 0; i < 3; i++) {
            assertThat(bella.get("/").statusCode()).isEqualTo(200);
        }
        ChromeDriver browser = HeadlessChromium.start(1400, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100));
            browser.get("http://127.0.0.1:" + hawtioPort + "/"); // defines the Bella connection, then opens Hawtio
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id"))).sendKeys("operator");
            browser.findElement(By.id("pf-login-password-id")).sendKeys(HAWTIO_PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("pf-login-username-id")));
            browser.get("http://127.0.0.1:" + hawtioPort + "/hawtio/camel/routes?con=bella");
            wait.until(d -> d.getPageSource().contains("console-page"));
            // the routes folder opens Hawtio's route table: state, exchanges and timings per route id
            browser.findElement(By.xpath("//*[normalize-space(text())='routes']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//td[normalize-space(.)='console-page']")));
            HeadlessChromium.screenshot(browser, "hawtio-routes");
            assertThat(browser.getPageSource()).contains("voice-turn").contains("alerts-channel-slack");
        } catch (RuntimeException e) {
            HeadlessChromium.screenshot(browser, "hawtio-failed");
            Files.writeString(HeadlessChromium.SHOTS.resolve("hawtio-failed.html"), browser.getPageSource());
            throw e;
        } finally {
            browser.quit();
        }
    }

    static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }
}
