package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names as callers say them: with recogniser noise tags, "first name … last name …", surnames that are also
 * words, particles and multi-part names, digits glued on by the recogniser, a name inside a long sentence,
 * "Smith, John Smith", spelled letters.
 */
class NameUnderstandingTest {

    private final RulesExtractor rules = new RulesExtractor();

    private String asked(String text) {
        return rules.extract(text, Expect.NAME, CTX).name();
    }

    private String open(String text) {
        return rules.extract(text, null, CTX).name();
    }

    static final String[] FIRST = {"John", "Mary", "Aisha", "Carlos", "Priya", "Olivia", "Mohammed", "Grace", "Liam",
            "Sofia", "Wei", "Fatima", "Noah", "Chloe", "Dmitri", "Hannah", "Jean-Luc", "Zoe", "Ethan", "Amara"};
    static final String[] LAST = {"Smith", "Baker", "Young", "Rose", "Bird", "King", "Best", "Little", "Hill",
            "Price", "Stone", "Brown", "O'Brien", "Lefebvre", "Kowalski", "Hunter", "Mason", "Good", "Long", "Walker"};

    static Stream<Arguments> spokenNames() {
        String[] asked = {"%s", "my name is %s", "it's %s", "this is %s", "%s speaking", "yeah hi, %s",
                "[noise] %s", "%s [inaudible]", "<unk> my name is %s", "um, it's %s, thanks"};
        List<Arguments> out = new ArrayList<>();
        for (int k = 0; k < FIRST.length; k++) {
            String full = FIRST[k] + " " + LAST[k];
            for (String t : asked) {
                out.add(Arguments.of(String.format(t, full), full));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("spokenNames")
    void namesWhenAsked(String text, String expected) {
        assertThat(asked(text)).as(text).isEqualTo(expected);
    }

    static Stream<Arguments> introducedNames() {
        String[] templates = {"Hi, my name is %s and I'd like to book for Friday",
                "hello this is %s calling about an appointment", "yes so I'm %s and I need a cleaning next week",
                "good morning, my name is %s, my number is 416 555 1234",
                "hi yes so I was calling because my son had a fever and anyway my name is %s and I wanted to book"};
        List<Arguments> out = new ArrayList<>();
        for (int k = 0; k < FIRST.length; k++) {
            String full = FIRST[k] + " " + LAST[(k + 3) % LAST.length];
            for (String t : templates) {
                out.add(Arguments.of(String.format(t, full), full));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("introducedNames")
    void namesInsideSentences(String text, String expected) {
        assertThat(open(text)).as(text).isEqualTo(expected);
    }

    static Stream<Arguments> firstAndLast() {
        String[] templates = {"my first name is %s and my last name is %s", "first name %s, last name %s",
                "my first name's %s, last name's %s", "first name is %s and the last name is %s",
                "%s, last name %s", "my name is %s and my surname is %s"};
        List<Arguments> out = new ArrayList<>();
        for (int k = 0; k < FIRST.length; k++) {
            String first = FIRST[k];
            String last = LAST[(k + 7) % LAST.length];
            for (String t : templates) {
                out.add(Arguments.of(String.format(t, first, last), first + " " + last));
            }
        }
        out.add(Arguments.of("surname Chen, first name Wei", "Wei Chen"));
        out.add(Arguments.of("my last name is Smith", "Smith"));
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("firstAndLast")
    void firstNameAndLastName(String text, String expected) {
        assertThat(asked(text)).as(text).isEqualTo(expected);
        assertThat(open(text)).as(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Maria de la Cruz                     | Maria de la Cruz
            my name is Maria de la Cruz          | Maria de la Cruz
            Ludwig van der Berg                  | Ludwig van der Berg
            Jan van Dijk                         | Jan van Dijk
            Anna von Trapp                       | Anna von Trapp
            Ahmed bin Rashid                     | Ahmed bin Rashid
            Fatima al-Hassan                     | Fatima al-Hassan
            Omar el-Sayed                        | Omar el-Sayed
            Sean O'Brien                         | Sean O'Brien
            Niamh O'Connor                       | Niamh O'Connor
            Mary-Jane Watson                     | Mary-Jane Watson
            Anne-Marie Dubois-Leclerc            | Anne-Marie Dubois-Leclerc
            Catherine Zeta-Jones                 | Catherine Zeta-Jones
            Nguyen Van An                        | Nguyen Van An
            my name is Nguyen Van An             | Nguyen Van An
            Tran Thi Mai                         | Tran Thi Mai
            Le Thi Hoa                           | Le Thi Hoa
            Pham Minh Chau                       | Pham Minh Chau
            Do Van Hung                          | Do Van Hung
            Tran Van Minh                        | Tran Van Minh
            Kim Min Jun                          | Kim Min Jun
            Lee Ji Eun                           | Lee Ji Eun
            Park Ji Hoon                         | Park Ji Hoon
            Wang Xiao Ming                       | Wang Xiao Ming
            Chen Yu Ting                         | Chen Yu Ting
            Wong Ka Wai                          | Wong Ka Wai
            Gabriel García Márquez               | Gabriel García Márquez
            Juan Carlos Rodríguez                | Juan Carlos Rodríguez
            Leonardo da Vinci                    | Leonardo da Vinci
            Jessica Best                         | Jessica Best
            it's Jessica Best                    | Jessica Best
            my name is John Good                 | John Good
            Hope Price                           | Hope Price
            Will Turner                          | Will Turner
            my name is Will Smith                | Will Smith
            Grace Baker                          | Grace Baker
            Bill Young                           | Bill Young
            Elizabeth Rose Young                 | Elizabeth Rose Young
            Robin Hood                           | Robin Hood
            Mark Hill and my number is 416 555 1234 | Mark Hill
            John2 Smith                          | John Smith
            John Smith3                          | John Smith
            Mary 2 Jones                         | -
            Smith, John Smith                    | John Smith
            Jones, Mary Jones                    | Mary Jones
            John, John Smith                     | John Smith
            J O H N Smith                        | John Smith
            Jon, J O N, Snow                     | Jon Snow
            [cough] John Smith                   | John Smith
            John (cough) Smith                   | John Smith
            John [noise] Smith                   | John Smith
            <unk> Mary Jones                     | Mary Jones
            my name is Peter [inaudible] Parker  | Peter Parker
            {laughter} it's Ann Lee              | Ann Lee
            *cough* Tom Hanks                    | Tom Hanks
            the name would be Robert Chen        | Robert Chen
            put it under Chen                    | Chen
            under the name of Patel              | Patel
            """)
    void multiPartAndNoisyNames(String text, String expected) {
        assertThat(asked(text)).as(text).isEqualTo("-".equals(expected) ? null : expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> no name")
    @CsvSource(delimiter = '|', textBlock = """
            I will call back
            this is Mary good morning
            [noise]
            (cough)
            <unk>
            Thanksgiving
            Christmas Eve at 10
            next Tuesday at 3
            I need an appointment
            """)
    void notNames(String text) {
        String name = open(text);
        assertThat(name == null || !name.contains("Good") && !name.contains("Cough") && !name.contains("Noise"))
                .as(text + " -> " + name).isTrue();
        if (!text.startsWith("this is Mary")) {
            assertThat(name).as(text).isNull();
        }
    }
}
