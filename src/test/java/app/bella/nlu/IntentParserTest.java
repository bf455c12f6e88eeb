package app.bella.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentParserTest {

    private final IntentParser parser = new IntentParser();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            I'd like to book an appointment                          | BOOK
            can I book for tomorrow                                  | BOOK
            I need an appointment                                    | BOOK
            I want to schedule a visit                               | BOOK
            can I come in on Friday                                  | BOOK
            I need to see the doctor                                 | BOOK
            I'd like to make an appointment                          | BOOK
            do you have any availability next week                   | BOOK
            any openings on Monday                                   | BOOK
            can you fit me in today                                  | BOOK
            'Hi, this is John Smith. I would like to book.'          | BOOK
            je voudrais prendre rendez-vous                          | BOOK
            I need to reschedule                                     | RESCHEDULE
            I'd like to reschedule my appointment                    | RESCHEDULE
            can I move my appointment                                | RESCHEDULE
            could you push it an hour later                          | RESCHEDULE
            can you move my appointment thirty minutes earlier       | RESCHEDULE
            I need to change my appointment                          | RESCHEDULE
            can we do a different time                               | RESCHEDULE
            can we push it back an hour                              | RESCHEDULE
            gotta push my Tuesday appointment to Thursday            | RESCHEDULE
            yeah just scrap my appointment for tuesday               | CANCEL
            I need to push it to next week                           | RESCHEDULE
            I need to move it to Friday                              | RESCHEDULE
            can I change the time of my appointment                  | RESCHEDULE
            I want to cancel my appointment and book a new one       | RESCHEDULE
            cancel Tuesday and book Thursday instead                 | RESCHEDULE
            re-schedule please                                       | RESCHEDULE
            I need to postpone                                       | RESCHEDULE
            I need to cancel                                         | CANCEL
            please cancel my appointment                             | CANCEL
            I can't make it tomorrow                                 | CANCEL
            I won't be able to make it                               | CANCEL
            can we call it off                                       | CANCEL
            I have to cancel my booking for Friday                   | CANCEL
            I'd like to cancel                                       | CANCEL
            je veux annuler                                          | CANCEL
            when is my appointment                                   | QUERY
            what time is my appointment                              | QUERY
            do I have an appointment                                 | QUERY
            remind me when I'm booked                                | QUERY
            when's my appointment                                    | QUERY
            what day is my appointment again                         | QUERY
            can you check my appointment                             | QUERY
            am I booked for tomorrow                                 | QUERY
            when is my next appointment                              | QUERY
            Sorry, when are my appointments again?                   | QUERY
            Hang on, when's my second appointment?                   | QUERY
            what appointments do I have                              | QUERY
            when are my two visits                                   | QUERY
            """)
    void classifies(String input, Intent expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> null")
    @ValueSource(strings = {
            "", "yes", "John Smith", "416 555 1234", "tomorrow at 2 pm", "hello", "what's the weather",
            "my name is Booker", "thank you", "no"})
    void none(String input) {
        assertNull(parser.parse(input));
    }
}
