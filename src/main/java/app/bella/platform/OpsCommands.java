package app.bella.platform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/** The operator's subcommands: {@code backup}, {@code restore} and {@code doctor} (see docs/operations.md). */
final class OpsCommands {

    static final List<String> NAMES = List.of("backup", "restore", "doctor");

    private OpsCommands() {
    }

    static int run(String[] args, Properties overrides, PrintStream out, PrintStream err) {
        try (DefaultCamelContext camel = new DefaultCamelContext(false)) {
            PropertiesComponent props = camel.getPropertiesComponent();
            props.setLocation("classpath:application.properties");
            props.setOverrideProperties(overrides);
            camel.init(); // type converters for the {{env:…}} functions; nothing is started
            java.util.function.Function<String, String> settings = name -> props.resolveProperty(name).orElse(null);
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            try {
                return switch (args[0]) {
                    case "backup" -> new BackupCommand(settings, out, err).backup(rest);
                    case "restore" -> new BackupCommand(settings, out, err).restore(rest);
                    default -> new Doctor(settings).run(out);
                };
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println(e.getMessage());
                return 1;
            } catch (Exception e) {
                err.println("Failed: " + e.getMessage());
                return 1;
            }
        } catch (java.io.IOException e) {
            return 0; // closing a context that never started
        }
    }
}
