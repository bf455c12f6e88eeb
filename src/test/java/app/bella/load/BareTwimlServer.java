package app.bella.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Map;

/**
 * The ceiling for Bella's call start, measured in the same run: bare Vert.x on the same port kind, one event loop per
 * core, that reads the form-encoded Twilio webhook (every field decoded) and answers a static greeting TwiML. No
 * signature check, no database: what any Java web stack on this machine can do at most.
 *
 * <pre>java -cp … app.bella.load.BareTwimlServer --port 18090 [--verify AUTH_TOKEN]</pre>
 */
public final class BareTwimlServer {

    static final Buffer TWIML = Buffer.buffer("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather input=\"speech\""
            + " action=\"/twilio/voice/turn?n=1\" method=\"POST\" language=\"en-US\" speechTimeout=\"auto\"><Say"
            + " voice=\"Polly.Joanna\">Thank you for calling our clinic. This is Bella, I can book an appointment for"
            + " you. May I have your first and last name, please?</Say></Gather></Response>");

    private BareTwimlServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        int port = Args.integer(a, "port", 18080);
        int loops = Args.integer(a, "event-loops", Runtime.getRuntime().availableProcessors());
        String verifyToken = a.get("verify"); // also check X-Twilio-Signature (the ceiling with Bella's first step)
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .requestHandler(request -> {
                        if (request.getHeader("Content-Type") != null) {
                            request.setExpectMultipart(true); // decodes the url-encoded form as Bella's server does
                        }
                        request.endHandler(end -> {
                            String callSid = request.formAttributes().get("CallSid");
                            if (verifyToken != null) {
                                java.util.Map<String, String> form = new java.util.HashMap<>();
                                request.formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
                                String url = "http://127.0.0.1:" + port + request.uri();
                                if (!app.bella.voice.TwilioSignature.isValid(verifyToken, url, form,
                                        request.getHeader("X-Twilio-Signature"))) {
                                    request.response().setStatusCode(403).end();
                                    return;
                                }
                            }
                            request.response()
                                    .putHeader("Content-Type", "text/xml")
                                    .end(callSid == null ? Buffer.buffer("<Response><Hangup/></Response>") : TWIML);
                        });
                    })
                    .listen().toCompletionStage().toCompletableFuture().get();
        }
        System.out.println("Bare Vert.x TwiML server ready at http://127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
