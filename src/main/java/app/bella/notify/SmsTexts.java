package app.bella.notify;

import app.bella.voice.SpokenDates;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The words of every SMS Bella sends or answers with, in the practice's name and time zone. Dates are worded as on
 * the phone ({@link SpokenDates}): "tomorrow, Thursday, October 9th at 2 PM".
 */
public final class SmsTexts {

    static final String HOW_TO_REPLY = "Reply C to confirm, X to cancel or R to reschedule.";

    private final String practice;
    private final ZoneId zone;

    public SmsTexts(String practiceName, ZoneId zone) {
        this.practice = practiceName == null || practiceName.isBlank() ? "our clinic" : practiceName.strip();
        this.zone = zone;
    }

    public String confirmation(String name, Instant start, Instant now) {
        return greeting(name) + "You're booked for " + when(start, now) + ". " + HOW_TO_REPLY;
    }

    public String reschedule(String name, Instant previousStart, Instant start, Instant now) {
        return greeting(name) + "Your appointment has been moved from " + SpokenDates.dateTime(local(previousStart))
                + " to " + when(start, now) + ". " + HOW_TO_REPLY;
    }

    public String cancellation(String name, Instant start) {
        return greeting(name) + "Your appointment on " + SpokenDates.dateTime(local(start))
                + " has been cancelled. Reply R if you'd like to book a new time.";
    }

    public String reminder(String name, Instant start, Instant now) {
        return "Hi " + firstName(name) + ", a reminder from " + practice + ": your appointment is " + when(start, now)
                + ". " + HOW_TO_REPLY;
    }

    /** Answer to "C". */
    public String confirmed(String name, Instant start) {
        return "Thank you, " + firstName(name) + ". Your appointment on " + SpokenDates.dateTime(local(start))
                + " is confirmed. See you then!";
    }

    /** Answer to "X". */
    public String cancelled(Instant start) {
        return "Your appointment on " + SpokenDates.dateTime(local(start))
                + " has been cancelled. Reply R if you'd like to book a new time.";
    }

    /** Answer to "R"; {@code practiceNumber} is the number the customer texted (may be blank). */
    public String howToReschedule(Instant start, String practiceNumber) {
        String current = start == null ? "" : " Your current appointment is " + SpokenDates.dateTime(local(start)) + ".";
        return "To choose a new time, please call us" + number(practiceNumber)
                + " and Bella will find you a free slot." + current;
    }

    /** Answer to anything else from a customer with an upcoming appointment. */
    public String help(Instant start) {
        return "Sorry, I didn't understand that. Your next appointment is " + SpokenDates.dateTime(local(start))
                + ". " + HOW_TO_REPLY;
    }

    /** Answer to a number without an upcoming appointment. */
    public String noAppointment(String practiceNumber) {
        return "Hi, this is Bella from " + practice + ". I couldn't find an upcoming appointment for this number. "
                + "To book one, please call us" + number(practiceNumber) + ".";
    }

    private String greeting(String name) {
        return "Hi " + firstName(name) + ", this is Bella from " + practice + ". ";
    }

    private String when(Instant start, Instant now) {
        return SpokenDates.readBack(local(start), local(now));
    }

    private ZonedDateTime local(Instant t) {
        return t.atZone(zone);
    }

    private static String number(String practiceNumber) {
        return practiceNumber == null || practiceNumber.isBlank() ? "" : " at " + practiceNumber.strip();
    }

    static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return "there";
        }
        String n = name.strip();
        int space = n.indexOf(' ');
        return space < 0 ? n : n.substring(0, space);
    }
}
