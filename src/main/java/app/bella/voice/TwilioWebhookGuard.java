package app.bella.voice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Twilio's signature over the public URL Twilio called plus the POST parameters. Behind a proxy the URL
 * Twilio signs is not the one we see, so the public base URL is configurable; without one, the Host header is used.
 */
public final class TwilioWebhookGuard {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookGuard.class);

    private final String authToken;
    private final String publicBaseUrl;
    private final boolean enabled;

    public TwilioWebhookGuard(String authToken, String publicBaseUrl, boolean enabled) {
        this.authToken = authToken == null ? "" : authToken;
        this.publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "");
        this.enabled = enabled;
        if (!enabled) {
            LOG.warn("!!! Twilio webhook signature checking is OFF (bella.twilio.validate-signature=false): anyone can "
                    + "drive calls and bookings through /twilio/*. Never run like this on a public address. !!!");
        } else if (this.authToken.isBlank()) {
            LOG.warn("TWILIO_AUTH_TOKEN is not set: every Twilio webhook will be refused with 403 until it is.");
        }
    }

    /** Throws {@link ForgedWebhookException} unless the request carries a valid signature. */
    public void verify(Exchange exchange) {
        if (!enabled) {
            return;
        }
        String signature = exchange.getMessage().getHeader("X-Twilio-Signature", String.class);
        String url = publicUrl(exchange);
        if (authToken.isBlank() || !TwilioSignature.isValid(authToken, url, params(exchange), signature)) {
            throw new ForgedWebhookException("Invalid Twilio signature for " + exchange.getMessage().getHeader(Exchange.HTTP_PATH));
        }
    }

    /**
     * The one answer to a forged webhook (every Twilio webhook's routeConfiguration calls it on
     * {@link ForgedWebhookException}): logged with the path only, then 403 with a plain body and no request header
     * echoed back.
     */
    public void refuse(Exchange exchange) {
        LOG.warn("Refused a Twilio webhook with a bad signature: {}", exchange.getMessage().getHeader(Exchange.HTTP_PATH));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 403);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain");
        exchange.getMessage().setBody("Forbidden");
    }

    /** The POST form parameters (platform-http hands them over as the body, a map). */
    public static Map<String, String> params(Exchange exchange) {
        return form(exchange.getMessage().getBody());
    }

    /** The POST form parameters of a request body: platform-http makes a form a map (a value may be a list). */
    public static Map<String, String> form(Object body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> params.put(String.valueOf(k), value(v)));
        }
        return params;
    }

    private static String value(Object v) {
        if (v instanceof List<?> list) {
            return list.isEmpty() ? "" : String.valueOf(list.get(0));
        }
        return v == null ? "" : String.valueOf(v);
    }

    private String publicUrl(Exchange exchange) {
        if (publicBaseUrl.isBlank()) {
            return exchange.getMessage().getHeader(Exchange.HTTP_URL, String.class); // as this server was called
        }
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String query = exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        return publicBaseUrl + (path == null ? "" : path) + (query == null || query.isBlank() ? "" : "?" + query);
    }
}
