package app.bella.hawtio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/** The one Hawtio user (HAWTIO_USER / HAWTIO_PASSWORD), checked in constant time; grants the role Hawtio asks for. */
public final class HawtioLoginModule implements LoginModule {

    private static volatile String user;
    private static volatile byte[] password;

    private Subject subject;
    private CallbackHandler callbacks;
    private String authenticated;

    static void configure(String user, String password) {
        HawtioLoginModule.user = user;
        HawtioLoginModule.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback secret = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, secret});
        } catch (Exception e) {
            throw new LoginException("No credentials: " + e.getMessage());
        }
        char[] given = secret.getPassword() == null ? new char[0] : secret.getPassword();
        boolean userOk = MessageDigest.isEqual(String.valueOf(name.getName()).getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(new String(given).getBytes(StandardCharsets.UTF_8), password);
        secret.clearPassword();
        if (!(userOk && passwordOk)) {
            throw new FailedLoginException("Wrong user or password");
        }
        authenticated = name.getName();
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().add(new UserPrincipal(authenticated));
        subject.getPrincipals().add(new RolePrincipal(HawtioLauncher.ROLE));
        return true;
    }

    @Override
    public boolean abort() {
        authenticated = null;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeIf(p -> p instanceof UserPrincipal || p instanceof RolePrincipal);
        return true;
    }

    public record UserPrincipal(String getName) implements Principal {
    }

    public record RolePrincipal(String getName) implements Principal {
    }
}
