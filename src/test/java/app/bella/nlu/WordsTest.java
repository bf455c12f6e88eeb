package app.bella.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            Hello, World!                         | hello world
            '  Um,  I think  uh  '                | i think
            you know I like it                    | i it
            I'd like 3pm                          | i'd 3 pm
            3 p.m.                                | 3 pm
            10 A.M.                               | 10 am
            the 15th                              | the 15th
            14h30                                 | 14 h 30
            (416) 555-1234                        | 416 555 1234
            416.555.1234                          | 416.555.1234
            +1 416                                | +1 416
            + 1 416                               | +1 416
            O’Brien                               | o'brien
            Mary-Jane                             | mary-jane
            #extension123                         | extension 123
            at 2:30                               | at 2:30
            10/15                                 | 10/15
            uh huh                                | uh-huh
            mm hmm                                | mm-hmm
            mhm                                   | mm-hmm
            9 o clock                             | 9 o'clock
            9 oclock                              | 9 o'clock
            Hello... my name... is... Dorothy     | hello my name is dorothy
            ''                                    | ''
            J O N                                 | j o n
            to morrow at 2                        | tomorrow at 2
            tomorrow at to pm                     | tomorrow at two pm
            friday at for thirty                  | friday at four thirty
            at to p.m.                            | at two pm
            I came to pick up a form for my son   | i came to pick up a form for my son
            look at for a second                  | look at for a second
            a fortnight from today                | two weeks from today
            """)
    void normalizes(String input, String expected) {
        assertEquals(expected, Words.normalize(input));
    }

    @Test
    void numberWords() {
        assertEquals(0, Words.numberWord("zero"));
        assertEquals(0, Words.numberWord("oh"));
        assertEquals(7, Words.numberWord("seven"));
        assertEquals(13, Words.numberWord("thirteen"));
        assertEquals(90, Words.numberWord("ninety"));
        assertEquals(99, Words.numberWord("ninety-nine"));
        assertEquals(25, Words.numberWord("twenty-five"));
        assertEquals(-1, Words.numberWord("twenty-ten"));
        assertEquals(-1, Words.numberWord("banana"));
        assertEquals(3, Words.ordinalWord("third"));
        assertEquals(-1, Words.ordinalWord("three"));
    }

    @Test
    void readNumberCombinesTensAndUnits() {
        Tokens tk = Words.tokenize("twenty five minutes");
        int r = Words.readNumber(tk, 0);
        assertEquals(25, r >> 2);
        assertEquals(2, r & 3);
        Tokens nine = Words.tokenize("ninety nine");
        assertEquals(99, Words.readNumber(nine, 0) >> 2);
        Tokens digits = Words.tokenize("45");
        assertEquals(45, Words.readNumber(digits, 0) >> 2);
        assertEquals(-1, Words.readNumber(Words.tokenize("oh"), 0));
        assertEquals(21, Words.readOrdinal(Words.tokenize("twenty first"), 0) >> 2);
        assertEquals(31, Words.readOrdinal(Words.tokenize("31st"), 0) >> 2);
        assertEquals(22, Words.readOrdinal(Words.tokenize("twenty-second"), 0) >> 2);
    }

    @Test
    void fillersAndTokens() {
        assertTrue(Words.isFiller("um"));
        assertTrue(Words.isFiller("hmm"));
        assertFalse(Words.isFiller("john"));
        assertEquals(List.of("my", "name", "is", "john"), Words.tokens("Um, my name is... uh, John"));
        assertEquals(List.of(), Words.tokens(null));
    }
}
