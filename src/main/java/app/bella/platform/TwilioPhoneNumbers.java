package app.bella.platform;

import com.twilio.type.PhoneNumber;

/** Turns E.164 strings into the type camel-twilio's message creator takes (used from the twilio-sms-sink Kamelet). */
public final class TwilioPhoneNumbers {

    public PhoneNumber of(String e164) {
        // a '+' written in an endpoint URI's query arrives decoded as a space: " 15875550100" means +15875550100
        String number = e164 == null ? "" : e164.strip();
        if (number.matches("^[1-9]\\d{7,14}$")) {
            number = "+" + number;
        }
        if (!number.matches("^\\+[1-9]\\d{7,14}$")) {
            throw new IllegalArgumentException("Not an E.164 phone number");
        }
        return new PhoneNumber(number);
    }
}
