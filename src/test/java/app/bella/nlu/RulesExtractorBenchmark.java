package app.bella.nlu;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of {@link RulesExtractor#extract} over a mix of realistic utterances; the score is in
 * utterances per second (one benchmark invocation extracts all of them). Run with
 * {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) app.bella.nlu.RulesExtractorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class RulesExtractorBenchmark {

    static final String[] UTTERANCES = {
            "Hi, this is John Smith. I'd like to book an appointment for tomorrow at 2 PM. My number is 416-555-1234.",
            "Hi, I'm John Smith, can I come in tomorrow at 2 pm? my number is 416 555 1234",
            "um my phone number is uh 416 555 1234",
            "four one six five five five oh nine eight seven",
            "John Smith",
            "mary",
            "Hello... my name... is... Dorothy... Smith",
            "yes",
            "yeah sure",
            "that doesn't work",
            "no, Thursday",
            "tomorrow at 3 no wait 2 PM",
            "next Monday at 10 for an hour",
            "Friday afternoon",
            "in two hours",
            "December 15th at 2 PM",
            "quarter to five",
            "an hour and a half",
            "I need to reschedule my appointment to next Tuesday",
            "I can't make it tomorrow, please cancel",
            "when is my appointment",
            "Bob Wilson calling at 416-555-7890",
            "demain à 14h",
            "(416) 555-1234 #extension123",
            "the 15th at 10:30 am",
            "Yes that time works for me",
            "unclear speech",
            "Jon, J O N",
            "can I come in first thing Monday morning",
            "my name is Mary Anne O'Brien and my number is plus one 780 555 0199",
    };
    static final Expect[] EXPECTS = {
            null, null, Expect.PHONE, Expect.PHONE, Expect.NAME, Expect.NAME, Expect.NAME, Expect.CONFIRM,
            Expect.CONFIRM, Expect.CONFIRM, Expect.CONFIRM, Expect.TIME, null, Expect.TIME, Expect.TIME, null,
            Expect.TIME, Expect.DURATION, null, null, null, null, Expect.TIME, Expect.PHONE, Expect.TIME,
            Expect.CONFIRM, Expect.NAME, Expect.NAME, null, null};

    private final RulesExtractor extractor = new RulesExtractor();
    private final ParseContext ctx = ParseContext.of(
            ZonedDateTime.of(2025, 10, 8, 10, 0, 0, 0, ZoneId.of("America/Edmonton")), ZoneId.of("America/Edmonton"));

    @Benchmark
    @OperationsPerInvocation(30)
    public void extractMix(Blackhole bh) {
        for (int i = 0; i < UTTERANCES.length; i++) {
            bh.consume(extractor.extract(UTTERANCES[i], EXPECTS[i], ctx));
        }
    }

    public static void main(String[] args) throws RunnerException {
        Options opt = new OptionsBuilder()
                .include(RulesExtractorBenchmark.class.getSimpleName())
                .forks(1).warmupIterations(3).measurementIterations(5).threads(1)
                .build();
        new Runner(opt).run();
    }
}
