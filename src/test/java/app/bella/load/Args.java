package app.bella.load;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of the load tools' command lines. */
final class Args {

    private Args() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        int positional = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
                out.put(name, value);
            } else {
                out.put("_" + positional++, args[i]); // _0, _1, … in order, between the options
            }
        }
        return out;
    }

    static int integer(Map<String, String> args, String name, int fallback) {
        String v = args.get(name);
        return v == null ? fallback : Integer.parseInt(v);
    }
}
