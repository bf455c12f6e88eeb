package app.bella.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameParserTest {

    private final NameParser parser = new NameParser();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            John Smith                                      | John Smith
            Eve Adams                                       | Eve Adams
            my name is Eve Adams                            | Eve Adams
            john smith                                      | John Smith
            JOHN SMITH                                      | John Smith
            MARY JOHNSON                                    | Mary Johnson
            mary                                            | Mary
            Wu                                              | Wu
            Robert Brown                                    | Robert Brown
            Ben Ito                                         | Ben Ito
            the appointment is for my daughter Emma Stone   | Emma Stone
            it's for my son Tim Burke                       | Tim Burke
            um hello dear, it's Ben Ito                     | Ben Ito
            '  John   Smith  '                              | John Smith
            um John Smith                                   | John Smith
            uh, it's Mary                                   | Mary
            My name is John Smith                           | John Smith
            my name's Sarah Connor                          | Sarah Connor
            name's Bond                                     | Bond
            the name is James Bond                          | James Bond
            This is Karen Lee                               | Karen Lee
            it's Peter Parker                               | Peter Parker
            It is Linda                                     | Linda
            I'm John Smith                                  | John Smith
            I am Maria Garcia                               | Maria Garcia
            call me Ishmael                                 | Ishmael
            you can call me Al                              | Al
            yeah it's John                                  | John
            yeah, this is Tom Hanks                         | Tom Hanks
            Hello, my name is Emily Clark                   | Emily Clark
            hi I'm Raj Patel                                | Raj Patel
            hey there it's Sam                              | Sam
            Oh hi, it's Grace                               | Grace
            good morning this is Helen Troy                 | Helen Troy
            Hello... my name... is... Dorothy... Smith      | Dorothy Smith
            um my name is uh Jessica                        | Jessica
            John Smith appointment                          | John Smith
            John Smith here                                 | John Smith
            Kevin Hart speaking                             | Kevin Hart
            Bob Wilson calling at 416-555-7890              | Bob Wilson
            Hi I'm John Smith I need an appointment         | John Smith
            Hi I'm John Smith and I'd like to book          | John Smith
            Dr. Susan Lee                                   | Susan Lee
            Mr. John Smith                                  | John Smith
            Mrs Jones                                       | Jones
            Ms. Angela Davis                                | Angela Davis
            Miss Daisy                                      | Daisy
            it's Dr. Watson                                 | Watson
            J O N                                           | Jon
            my name is Jon with an h                        | Jon
            'Jon, J O N'                                    | Jon
            'my name is Jon, J O N'                         | Jon
            'John Smith, S M I T H'                         | John Smith
            my name is Sara S A R A                         | Sara
            Jean-Pierre Dubois                              | Jean-Pierre Dubois
            jean-pierre dubois                              | Jean-Pierre Dubois
            Mary Anne O'Brien                               | Mary Anne O'Brien
            mary anne o'brien                               | Mary Anne O'Brien
            Ludwig van Beethoven                            | Ludwig van Beethoven
            ludwig van beethoven                            | Ludwig van Beethoven
            Leonardo da Vinci                               | Leonardo da Vinci
            Maria de la Cruz                                | Maria de la Cruz
            Otto von Bismarck                               | Otto von Bismarck
            Ana del Rio                                     | Ana del Rio
            François Dubois                                 | François Dubois
            josé garcía                                     | José García
            ÉLODIE CÔTÉ                                     | Élodie Côté
            Zoë Saldaña                                     | Zoë Saldaña
            mcdonald                                        | McDonald
            ronald mcdonald                                 | Ronald McDonald
            o'brien                                         | O'Brien
            mary-jane                                       | Mary-Jane
            macdonald                                       | MacDonald
            Mack                                            | Mack
            Mace Windu                                      | Mace Windu
            Macy Gray                                       | Macy Gray
            mackenzie                                       | Mackenzie
            DeShawn Jones                                   | DeShawn Jones
            d'angelo                                        | D'Angelo
            John F Kennedy                                  | John F Kennedy
            je m'appelle Marie Tremblay                     | Marie Tremblay
            c'est Luc                                       | Luc
            'Smith, John'                                   | Smith John
            My first name is Anna                           | Anna
            it's April Jones                                | April Jones
            Will Smith                                      | Will Smith
            it's Mike, Mike Ross                            | Mike Ross
            """)
    void parsesNames(String input, String expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is not a name")
    @ValueSource(strings = {
            "", "   ", "um hello dear, can you hear me", "appointment", "unclear speech", "unintelligible", "unclear response 7", "calling from London",
            "I need an appointment", "garbled phone number", "yes", "no", "tomorrow at 2", "hello can you hear me",
            "John 2", "R2D2", "um", "uh um hmm", "you know", "hello", "hi there", "I'd like to book an appointment",
            "Friday", "next Monday", "sure", "okay", "that's correct", "I'm not sure", "I'm calling to reschedule",
            "this is about my appointment", "it's me", "I am looking for an appointment", "sorry what",
            "can you repeat that", "what", "noise", "inaudible", "[inaudible]", "3 pm", "416 555 1234",
            "my name is", "the doctor", "it's for tomorrow", "it's May 5th", "I'm fine thanks",
            "I'm good", "I'm free tomorrow", "this is urgent", "dr", "a", "Christmas Eve", "New Year's Eve"})
    void rejectsNonNames(String input) {
        assertNull(parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] open \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            Robert Brown                                    | Robert Brown
            mary                                            | Mary
            Hi I'm John Smith                               | John Smith
            John Smith 416-555-1234                         | John Smith
            John Smith appointment tomorrow                 | NULL
            I need an appointment                           | NULL
            Friday at 3                                     | NULL
            sounds good                                     | NULL
            great thanks                                    | NULL
            perfect                                         | NULL
            book it                                         | NULL
            next week                                       | NULL
            John Smith here to book a cleaning              | John Smith
            """)
    void openUtteranceNeedsIntroOrBareName(String input, String expected) {
        assertEquals(expected, parser.parseOpen(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            'Sure, it''s Chris... Christopher Lee'              | Christopher Lee
            'my name is Will, William Turner'                   | William Turner
            'it''s Jo - Joanna Wu'                              | Joanna Wu
            'Alex… Alexandra Stone here'                        | Alexandra Stone
            'Ann Anderson'                                      | Ann Anderson
            'it''s Mark, Markham'                               | Mark Markham
            """)
    void aWordBrokenOffAndSaidAgainIsSaidOnce(String input, String expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            'it''s Kowalczyk, K O W A L C Z Y K, and my first name is Anna' | Anna Kowalczyk
            'Smith, first name John'                            | John Smith
            'Nguyen, and the first name is Linh'                | Linh Nguyen
            'yes, my first name is Anna'                        | Anna
            'John Smith, first name John'                       | John Smith
            """)
    void aSurnameThenTheFirstNameIntroduced(String input, String expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            'the booking''s under David Cohen'                  | David Cohen
            'under Patel'                                       | Patel
            'the appointment''s under Maria Lopez, thanks'      | Maria Lopez
            'under the weather today'                           | NULL
            'Frankly I''d rather not say'                       | NULL
            'Honestly, it''s Dana Scully'                       | Dana Scully
            'Emily, I''d like to book a cleaning'               | Emily
            'whatever''s first tomorrow, I''m flexible'          | NULL
            'I''m easy, any time works'                         | NULL
            """)
    void bookingsUnderANameAndWordsThatOpenAnAnswer(String input, String expected) {
        assertEquals(expected, parser.parse(input));
    }

    @Test
    void formatHandlesParticlesOnlyInTheMiddle() {
        assertEquals("Van Morrison", NameParser.format(List.of("van", "morrison")));
        assertEquals("Gustave de la Tour", NameParser.format(List.of("gustave", "de", "la", "tour")));
        assertEquals("Mary-Jane O'Neil", NameParser.format(List.of("mary-jane", "o'neil")));
        assertEquals("MacArthur", NameParser.titleCase("macarthur"));
        assertEquals("Macias", NameParser.titleCase("macias"));
        assertEquals("Mcintyre", NameParser.titleCase("mcintyre").replace("McI", "Mci"));
        assertEquals("McIntyre", NameParser.titleCase("mcintyre"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Jon Snow        | John        | John Snow
            John Snow       | Jon         | Jon Snow
            Mary Smith      | Smyth       | Mary Smyth
            Mary Smith      | Peter Brown | Peter Brown
            Mary Smith      | Peter       | Peter
            -               | Ada         | Ada
            Ada             | Adda        | Adda
            Nadia Shepanski | Szczepanski | Nadia Szczepanski
            Sarah Stevens   | Sandra      | Sandra
            Kim Lee         | Kate        | Kate
            Kathryn Nielsen | Catherine   | Catherine Nielsen
            Carl Weber      | Karl        | Karl Weber
            Philip Moss     | Filip       | Filip Moss
            Chris Moss      | Kris        | Kris
            """)
    void aSingleCorrectedWordReplacesThePartItResembles(String previous, String said, String expected) {
        assertEquals(expected, NameParser.corrected(previous, said));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Dave Smith, sorry, Smyth, S M Y T H                 | Dave Smyth
            Dave Smith, sorry, Smyth                            | Dave Smyth
            it's Jennifer, no sorry, Jenna, Jenna Li            | Jenna Li
            my name is Mike, sorry, Michael Brown               | Michael Brown
            I'm Tom Harris, I mean Thomas                       | Thomas Harris
            it's Ann Lee, actually, Anne Lee                    | Anne Lee
            Karen Wu, oops, Karen Woo                           | Karen Woo
            this is Robert Green, wait, Robert Greene           | Robert Greene
            Peter Kowalski, rather Piotr Kowalski               | Piotr Kowalski
            I'm sorry, my name is John Baker                    | John Baker
            John Smith, sorry about the noise                   | John Smith
            Lisa Ray, sorry, is this the dentist                | Lisa Ray
            """)
    void aNameTakenBackInTheSameBreathIsTheOneSaidAfter(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            it's Jon, J O N, Jonsson                            | Jon Jonsson
            Jon J O N Jonsson                                   | Jon Jonsson
            Siobhan, that's S I O B H A N, Murphy               | Siobhan Murphy
            Siobhan, that is S I O B H A N, Murphy              | Siobhan Murphy
            it's Smyth, spelled S M Y T H                       | Smyth
            Niamh, it's spelled N I A M H, Kelly                | Niamh Kelly
            Smith, S M I T H, John Smith                        | John Smith
            J O N Jon                                           | Jon
            Jon, J O N                                          | Jon
            Sean, S E A N, Sean Smith                           | Sean Smith
            """)
    void aSpellingBelongsToTheWordBeforeIt(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            the appointment's for me, Priya Patel               | Priya Patel
            that's me, Priya Patel                              | Priya Patel
            it's just for me, Omar Haddad                       | Omar Haddad
            """)
    void aNameSaidAfterMeIsTheCallers(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    /** Ways of introducing oneself learned elsewhere, and hedges before the name. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Myself Anjali Sharma                                | Anjali Sharma
            here speaking Oksana Kovalenko                      | Oksana Kovalenko
            good afternoon, I am the señora Guadalupe Torres    | Guadalupe Torres
            maybe you have me as Bernadette Fontaine            | Bernadette Fontaine
            hello, my name is Jun Wang. I want to book          | Jun Wang
            Jun Wang                                            | Jun Wang
            May Chen                                            | May Chen
            hello madam, myself Rahul Verma speaking            | Rahul Verma
            it's just Priya                                     | Priya
            it's just Priya, P R I Y A                          | Priya
            I'm simply Tom Hardy                                | Tom Hardy
            """)
    void introductionsFromOtherEnglishes(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    /** Which part of the name said is which, said after it: the name stays as said. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Mary Ellen Carter, Mary Ellen is my first name      | Mary Ellen Carter
            Jean-Luc Picard. Jean-Luc is the first name         | Jean-Luc Picard
            Tom van Dyke, van Dyke is my last name              | Tom van Dyke
            """)
    void aPartNamedAfterTheNameKeepsTheName(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    /** A part of the name spelled after "is spelled", and a hedge before "my last name": only the name. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            no, my first name is spelled K A T H R Y N, Kathryn, not Katherine   | Kathryn
            my name is spelled like J O N                                        | Jon
            almost, but my last name is Petersen, P E T E R S E N                | Petersen
            nearly, the last name is Olsen with an e                             | Olsen
            """)
    void aCorrectedPartAtTheReadBack(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    /** A name the caller goes by, said after the full name: the full name is the booking's. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Margaret Lindqvist, but call me Maggie              | Margaret Lindqvist
            it's Alexander Petrov, Sasha for short              | Alexander Petrov
            Bartholomew Reyes, Bart to my friends               | Bartholomew Reyes
            Jennifer Obi, Jen is fine                           | Jennifer Obi
            Theodore Banks, but everyone calls me Teddy         | Theodore Banks
            Mohammed Al-Sayed, I go by Mo                       | Mohammed al-Sayed
            you can call me Bob                                 | Bob
            it's Jen, Jen is fine                               | Jen
            """)
    void theNameGoneByAfterTheFullNameIsNotTheBookingsName(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    /** A word spelled after the name, even after its other part, spells that word: the name keeps its order and accents. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            it's Lan Nguyen, L A N                              | Lan Nguyen
            Chidi Okafor, that's C H I D I                      | Chidi Okafor
            Name's Aoife Byrne, A O I F E                       | Aoife Byrne
            lakshmi venkataraman thats l a k s h m i            | Lakshmi Venkataraman
            Zoë Martin, Z O E                                   | Zoë Martin
            Paweł Wójcik, W O J C I K                           | Paweł Wójcik
            """)
    void aSpellingOfAWordSaidEarlierKeepsTheNameAsSaid(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    /** A spelling of only the start of a word, and how its letters are written, say how to write the word said. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Lauren MacKenzie, that's M A C capital K            | Lauren MacKenzie
            Sean McDonald, M C capital D                        | Sean McDonald
            Anna DeLuca, that's D E, capital L                  | Anna DeLuca
            """)
    void aSpelledStartKeepsTheWord(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hold on one second", "hold on", "hang on a sec", "sorry who is this", "sorry, what?",
            "for me"})
    void holdingAndAskingAreNoNames(String utterance) {
        assertNull(parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            My name is, how you say, Nguyen Van An                         | Nguyen Van An
            my name is, how do you say it, Okonkwo Chidi                   | Okonkwo Chidi
            my name is let me see, Walter Grey                             | Walter Grey
            it's Kevin — hang on babe I'm on the phone — Kevin Brooks      | Kevin Brooks
            Maria, sorry my son is shouting, Maria Lopez                   | Maria Lopez
            it's Kathy, well Katherine, Katherine Moss                     | Katherine Moss
            Put it under Kate Murphy, well, Katherine officially           | Kate Murphy
            sorry I'm driving, quick one, Derek Chan, first thing tomorrow | Derek Chan
            I'm walking the dog, it's Ana Silva                            | Ana Silva
            """)
    void aNameSaidAgainInFullAfterAnAsideIsTheFullName(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my tooth hurts", "my filling fell out", "my back teeth", "my crown broke",
            "it's my tooth, it's killing me", "it's bothering me a lot", "it's been aching him all week",
            "sorry, I'm driving, can you hold on", "I'm calling about my filling", "I am wondering about prices",
            "I live in Red Deer", "it's Lisinopril, 10 milligrams", "Metformin 500 mg twice a day", "it's Jun 5th",
            "June the 5th", "may I book", "sorry I'm driving to Red Deer right now", "I'm heading In Town Centre",
            "could you speak up a little, dear? I'm hard of hearing", "it's my tooth that needs to come out"})
    void whatTheCallerHasIsNoName(String utterance) {
        assertNull(parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Hi, this is Grace Li. I'd like to book a checkup for my daughter, Emma Li, she's eight.  | Emma Li
            I'm calling for my husband, his name is Tom Price                                      | Tom Price
            it's Anna, it's for my son Jack Brown                                                   | Jack Brown
            this is Mark Lee, I'm calling for my son                                                | Mark Lee
            This is Karen calling on behalf of my father, Stanley Wozniak                            | Stanley Wozniak
            The patient is my wife, Anita Sharma                                                    | Anita Sharma
            It's my dad who needs to come in, Raymond Leclerc                                       | Raymond Leclerc
            its for my son his names ethan reid                                                     | Ethan Reid
            """)
    void theBookingIsForTheOneNamedAfterForMy(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            B as in boy, R, O, W, N                            | Brown
            Anna, last name spelled K-O-W-A-L-S-K-I            | Anna Kowalski
            Nguyen, N-G-U-Y-E-N, and my first name is Linh     | Linh Nguyen
            it's Mary-Jane Watson                              | Mary-Jane Watson
            Sorry about that — Greg Novak                      | Greg Novak
            """)
    void spellingsWithHyphensOrAsInAndApologies(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm Dr. Patel's patient", "Mrs.", "it's the doctor"})
    void aTitleAloneNamesNobody(String utterance) {
        assertNull(parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Everything's right except the last name - it's spelled with a Y: S M Y T H, Smyth.  | Smyth
            Just the first name - it's Steven with a V, S T E V E N.                            | Steven
            """)
    void aPartOfTheNameSpelledAgain(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Howya, Padraig Murphy here                                      | Padraig Murphy
            G'day, Bronwyn Kelly speaking                                   | Bronwyn Kelly
            good morning po, Maricel dela Cruz po                           | Maricel Dela Cruz
            top of the morning, Ruairi Boyle here                           | Ruairi Boyle
            Darren Fitzgerald, mate                                         | Darren Fitzgerald
            John Smith, ta                                                  | John Smith
            Mate Kovac                                                      | Mate Kovac
            Courtney Love                                                   | Courtney Love
            Minh Ta                                                         | Minh Ta
            my name is Sean Okafor, Dr. Patel referred me for my shoulder   | Sean Okafor
            John M. Smith                                                   | John M Smith
            it's Sean, no sorry, Shaun with a U, Shaun Kerr                 | Shaun Kerr
            this is Mark Thompson's phone but I'm Linda, Linda Thompson     | Linda Thompson
            aye, it's Morag Fraser                                          | Morag Fraser
            you're speaking with Patrick O'Neill                            | Patrick O'Neill
            'good morning, you''ve got Harold Jenkins here'                 | Harold Jenkins
            this is Luc St. Pierre                                          | Luc St. Pierre
            'good afternoon, this side Meenakshi Iyer'                      | Meenakshi Iyer
            my names are Emeka Obi                                          | Emeka Obi
            'hello? hello? yes this is Walter, Walter Brzezinski, Walter'   | Walter Brzezinski
            'it''s John Smith, John'                                        | John Smith
            """)
    void regionalGreetingsAndSomeoneElsesPhone(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm grand thanks, how are you", "aye, that's grand", "I'm fixin to make an appointment",
            "I reckon Tuesday week would be best", "cheers, mate", "oui, c'est parfait, merci", "c'est bon",
            "kindly book me an appointment for tomorrow", "this side is fine"})
    void regionalWordsAreNoNames(String utterance) {
        assertNull(parser.parseOpen(utterance));
        assertNull(parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Rowena Macapagal-Santos po                                | Rowena Macapagal-Santos
            Mathieu D'Amours, D apostrophe A M O U R S                | Mathieu D'Amours
            Kelly O'Brien, O apostrophe B R I E N                     | Kelly O'Brien
            Anne-Marie, A N N E hyphen M A R I E, Dubois              | Anne-Marie Dubois
            it's Hope, Hope Baker                                     | Hope Baker
            it's Will, Will Cook                                      | Will Cook
            my name is Will Cook, like will and cook                  | Will Cook
            Faith Hill, as in the words faith and hill                | Faith Hill
            gordon macleod                                            | Gordon MacLeod
            Katarzyna, but Kasia is fine, Kasia Lewandowska           | Katarzyna Lewandowska
            Elizabeth, Liz is fine, Liz Ward                          | Elizabeth Ward
            Okay, let's start with me then. Daniel Kim.               | Daniel Kim
            I've been trying all morning. Gary Petersen. Friday at 2. Can you just book it | Gary Petersen
            """)
    void spellingMarksNamesSaidTwiceAndNamesExplainedAsWords(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] {0} + \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Neve Gallagher | Niamh    | everything's right except the first name, it's spelled N I A M H | Niamh Gallagher
            Neve Gallagher | Gallager | no, the surname is Gallager                                      | Neve Gallager
            Jon Snow       | John     | it's John with an h                                              | John Snow
            Neve Gallagher | Niamh    | the first and last name are wrong                                | Niamh
            """)
    void aPartNamedIsThePartCorrected(String previous, String said, String words, String expected) {
        assertEquals(expected, NameParser.corrected(previous, said, words));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I live in Red Deer. Thanks.", "I'm calling about an appointment. Thursday Morning.",
            "Hold on. Let me check. Okay."})
    void aLastSentenceThatIsNoNameNamesNoOne(String utterance) {
        assertNull(parser.parse(utterance));
    }

    /**
     * Booking for someone else: the one who calls is the booking's name when they give their full name and the other
     * only a first name; a full name of the one the appointment is for (a patient, the employer) is theirs.
     */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            it's for my daughter Maya, she's nine, my name is Carla Mendes              | Carla Mendes
            Helen Ashworth, phoning for my son Eli                                      | Helen Ashworth
            this is Greg Tilley, the appointment's for my girl Sophie                   | Greg Tilley
            her name's Ruby and I'm her mum, Joanne Pike                                | Joanne Pike
            it's for Nana, but put it under me, Marcus Dube                             | Marcus Dube
            Ethan's dad, Paolo Ricci                                                    | Paolo Ricci
            hi, this is Kim from Riverbend Physio, the patient is Arthur Lowe           | Arthur Lowe
            this is Deb from Dr. Ng's office, booking for our patient Lena Fischer      | Lena Fischer
            I'm Marco, Helena Brandt's assistant, and the appointment is for her        | Helena Brandt
            I'm Marco, Helena Brandt's assistant                                        | Marco
            call me Liz, but it's Elizabeth Crowe                                       | Elizabeth Crowe
            it's for my son Tim Burke                                                   | Tim Burke
            the booking's for my husband, Raj Patel                                     | Raj Patel
            my name is Olu Bankole and my son is Tobi                                   | Olu Bankole
            I'm the parent, Ines, and it's for Mateo                                    | Ines
            """)
    void theCallerBooksUnderTheirFullNameUnlessTheyFullyNameAnother(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    /** An animal's name is no booking's name: by kind or breed said after it or before it. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            it's for Pickles, my rabbit, I'm Yara Haddad                  | Yara Haddad
            Waffles, he's a dachshund                                     | -
            Luna, she's a husky mix, about sixty pounds                   | -
            the cat's name is Pepper and mine's Tom Eriksen               | Tom Eriksen
            my puppy Bruno, and I'm Claire Dumont                         | Claire Dumont
            the dog's Ziggy, the owner is Anton Weiss                     | Anton Weiss
            Shepherd, Alan Shepherd                                       | Alan Shepherd
            """)
    void animalsAreNoBookingsName(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Rosa Lindgren. Rosa. Lindgren.                 | Rosa Lindgren
            Paul Ng, Paul Ng                               | Paul Ng
            Anne Marie Doyle, Anne Marie is two words      | Anne Marie Doyle
            Mary-Kate Olsen, Mary-Kate is hyphenated       | Mary-Kate Olsen
            Pieter van Dijk, V A N, D I J K                | Pieter van Dijk
            just Omar is fine                              | Omar
            Priya's fine                                   | Priya
            """)
    void aNameSaidAgainSlowlyOrExplained(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sure look, whatever suits yourselves", "that's fine", "Tuesday is fine",
            "I'm her mom, she's six"})
    void noNameInWordsAboutSomethingElse(String utterance) {
        assertNull(parser.parse(utterance));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Harjit Kaur Gill, Harjit is first name                | Harjit Kaur Gill
            my name is Ioana Popescu, Ioana with one N            | Ioana Popescu
            it's Mattias Berg, Mattias with two T                 | Mattias Berg
            Doctor Okafor is my family doctor                     | -
            Dr. Lam is our dentist                                | -
            Ana Lima is my full name                              | Ana Lima
            """)
    void secondLanguageNotesAndADoctorDescribed(String utterance, String expected) {
        assertEquals(expected, parser.parse(utterance));
    }
}
