package app.bella.console;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * {@code bella call "I'm Jane Doe" "tomorrow at 2 pm" "yes"}: a test call through a running Bella's real webhooks,
 * signed with TWILIO_AUTH_TOKEN like Twilio's and marked as a test (left out of metrics and costs). Aimed at the
 * server this configuration starts (BELLA_HTTP_PORT on localhost, signed for BELLA_PUBLIC_URL when set), or at
 * {@code --base URL}. Each argument is one answer: words are spoken, {@code #12} presses keys.
 */
public final class CallCommand {

    static final String USAGE = """
            usage: bella call [--base URL] [--from +15875550199] [--auth-token TOKEN] "what the caller says" ...
                   each argument answers one question; "#2" presses 2 on the keypad""";

    private CallCommand() {
    }

    public static int run(List<String> args, Properties overrides, PrintStream out, PrintStream err) {
        String base = null;
        String from = TestCall.DEFAULT_FROM;
        String token = null;
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--base") || a.equals("--from") || a.equals("--auth-token")) {
                if (i + 1 >= args.size()) {
                    err.println(a + " needs a value");
                    err.println(USAGE);
                    return 2;
                }
                String v = args.get(++i);
                switch (a) {
                    case "--base" -> base = v;
                    case "--from" -> from = v;
                    default -> token = v;
                }
            } else if (a.startsWith("--")) {
                err.println("Unknown option " + a);
                err.println(USAGE);
                return 2;
            } else {
                answers.add(a);
            }
        }
        String publicUrl;
        try (DefaultCamelContext camel = new DefaultCamelContext(false)) {
            PropertiesComponent props = camel.getPropertiesComponent();
            props.setLocation("classpath:application.properties");
            props.setOverrideProperties(overrides);
            camel.init(); // the {{env:…}} functions only; nothing starts
            if (token == null) {
                token = props.resolveProperty("bella.twilio.auth-token").orElse("");
            }
            publicUrl = base == null ? props.resolveProperty("bella.public-url").orElse("") : "";
            if (base == null) {
                base = "http://127.0.0.1:" + props.resolveProperty("camel.server.port").orElse("8080");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (token.isBlank()) {
            err.println("Set TWILIO_AUTH_TOKEN (or --auth-token) to the token Bella checks webhook signatures with");
            return 2;
        }
        TestCall call = new TestCall(base, publicUrl, token);
        String callSid = TestCall.newCallSid();
        try {
            out.println("Calling " + base + " as " + from + " (test call " + callSid + ")");
            TestCall.Step step = call.dial(callSid, from);
            print(step, out);
            for (String answer : answers) {
                if (step.action() == null) {
                    break;
                }
                out.println("  caller: " + answer);
                boolean keys = answer.matches("#[0-9*#]+");
                step = call.answer(callSid, from, step.action(), keys ? null : answer, keys ? answer.substring(1) : null);
                print(step, out);
            }
            if (step.action() != null) {
                call.hangUp(callSid, from);
                out.println("(hung up)");
            }
            boolean refused = step.ended() != null && (step.ended().startsWith("Bella refused") || step.ended().startsWith("HTTP"));
            if (refused) {
                err.println(step.ended());
                return 1;
            }
            return 0;
        } catch (IOException e) {
            err.println("Bella is not reachable at " + base + ": " + e.getMessage() + " (start it, or pass --base URL)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void print(TestCall.Step step, PrintStream out) {
        step.heard().forEach(h -> out.println("  bella:  " + h));
        if (step.ended() != null) {
            out.println("(" + step.ended() + ")");
        }
    }
}
