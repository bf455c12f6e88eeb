package app.bella.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfirmationParserTest {

    private final ConfirmationParser parser = new ConfirmationParser();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> YES")
    @ValueSource(strings = {
            "yes", "Yes.", "YES", "yeah", "yep", "yup", "sure", "yeah sure", "correct", "that's correct",
            "yes that's correct", "that's right", "right", "ok", "okay", "OK.", "sounds good", "perfect",
            "that works", "Yes that works perfect", "Yes that time works for me", "absolutely", "please do", "please proceed",
            "go ahead", "uh huh", "uh-huh", "mm-hmm", "mm hmm", "mhm", "book it", "yes please", "sure thing",
            "of course", "definitely", "that would be great", "yeah that's fine", "no problem", "no worries",
            "um yeah", "uh, yes", "yes, book it", "that works for me", "works for me", "you got it", "alright",
            "all right", "great", "sounds great", "why not", "yes it is", "exactly", "affirmative", "oui",
            "d'accord", "yeah no problem", "no, that's correct", "yes, no problem", "I think so", "that suits me",
            "that would work", "yeah go for it", "yes sir", "that's perfect", "correct, thank you", "that's the one",
            "yes, that's the one I want", "that's what I said", "Yes, please cancel it.", "yes cancel it please",
            "spot on", "bang on, cheers", "yeah, dead on", "all good", "close enough", "yes, I almost forgot, thanks",
            "that'd be brilliant, ta", "brilliant", "I don't see why not", "can't see why not", "I suppose that'll do",
            "that will do nicely"})
    void yes(String input) {
        assertEquals(Confirmation.YES, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> NO")
    @ValueSource(strings = {
            "no", "No.", "nope", "nah", "not really", "that's wrong", "that doesn't work", "no, Thursday",
            "wrong", "not quite", "negative", "cancel that", "yes ... no wait", "yes, no wait", "yeah no",
            "that's not right", "that is not correct", "no thanks", "no thank you", "absolutely not",
            "I don't think so", "that doesn't really work for me", "doesn't work", "uh uh", "non",
            "yes I mean no", "actually no", "no that's not it", "it doesn't suit me", "that won't work",
            "incorrect", "never mind", "no way", "no, the 15th", "I can't make it", "not at all",
            "wrong number", "um no", "that's not what I said", "not what I meant", "I'd prefer a different time actually",
            "can we do another day", "the other time", "that's not it", "that is not it", "no, that's not the one",
            "not it", "everything's right except the last name", "all correct apart from the time", "wait, that's not my name", "that's not my number", "no, cancel that", "yes, actually cancel that",
            "close, but the surname is spelled differently", "almost right, the time is off", "you've misspelled it",
            "it's a bit off", "sorry, that's not what I asked for", "not what I wanted", "that's not brilliant",
            "hmm, I'd rather not, is too early for me", "Yes... no, wait, no, Thursday is no good",
            "yeah... actually no, that day's no good", "that's no good", "no good for me, sorry",
            "sure, oh wait, that's no use to me"})
    void no(String input) {
        assertEquals(Confirmation.NO, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            aye                                   | YES
            aye, that's right                     | YES
            aye, except the day's wrong           | NO
            that's grand                          | YES
            grand so                              | YES
            that'd be grand, thanks               | YES
            go on then                            | YES
            I'd say so                            | YES
            I reckon so, yeah                     | YES
            too right                             | YES
            righto                                | YES
            cheers, that's it                     | YES
            no bother at all, go ahead            | YES
            nah yeah, that's fine                 | YES
            yeah nah, the day's wrong             | NO
            naw, that's no right                  | NO
            that's no right                       | NO
            I'd say not                           | NO
            no, not at all, I said Friday         | NO
            I'm afraid not                        | NO
            uh, I can't make that one             | NO
            that's a bit early for me             | NO
            I'd rather a bit later actually       | NO
            hmm, that's too late for me           | NO
            not too early, that's fine            | YES
            I'd prefer the afternoon              | NO
            yes, I'd rather that                  | YES
            that's fine, I'd prefer a text though | YES
            """)
    void regionalYesAndNo(String input, Confirmation expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> null")
    @ValueSource(strings = {
            "", "not sure", "I'm not sure", "maybe", "I don't know", "hmm", "what is the weather", "John Smith",
            "416 555 1234", "tomorrow at 2", "hold on", "let me check", "perhaps", "what?", "I want to book",
            "good morning", "right now", "um", "possibly", "no idea", "can you repeat that"})
    void neither(String input) {
        assertNull(parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] open \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            yes                                                          | YES
            'No, Thursday'                                               | NO
            'yeah, tomorrow at 3 works'                                  | YES
            'No, can you do 3 instead, is that ok'                       | NO
            'I would like to book tomorrow at 2, is that ok?'            | -
            'Okay, I would like to book an appointment for Friday'       | -
            'Hi, this is John Smith, I need an appointment'              | -
            sounds good                                                  | YES
            'ok so I need to reschedule'                                 | -
            """)
    void openUtterance(String input, Confirmation expected) {
        assertEquals(expected, parser.parse(input, false));
    }

    @Test
    void laterDecisionOverridesOnlyWhenCloseOrCorrected() {
        assertEquals(Confirmation.NO, parser.parse("yes, I mean, no"));
        assertEquals(Confirmation.YES, parser.parse("no wait yes"));
        assertEquals(Confirmation.NO, parser.parse("no I can do Thursday if that's ok"));
        assertEquals(Confirmation.YES, parser.parse("yes, and could you text me, is that ok, thanks"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            yes, but the time is wrong                   | NO
            yeah, but that's not my number               | NO
            sure, but the name's spelled wrong           | NO
            yes, that's right, but can I ask something   | YES
            yes, but can you text me too                 | YES
            """)
    void aButClauseThatSaysSomethingIsWrongTakesTheYesBack(String text, Confirmation expected) {
        assertEquals(expected, parser.parse(text));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            I said afternoon, not morning         | NO
            I told you Tuesday, not Thursday      | NO
            I said yes                            | YES
            """)
    void whatTheCallerSaidCorrected(String text, Confirmation expected) {
        assertEquals(expected, parser.parse(text));
    }
}
