package fi.paja.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing of facilitator passwords. Deliberately slow: call from a worker, never an event loop. */
public final class Passwords {

  private static final int COST = 12;
  /** Compared against when the user does not exist, so a wrong user name takes as long as a wrong password. */
  private static final String DUMMY = hash("not-a-real-password");

  private Passwords() {
  }

  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  public static boolean matches(String password, String hash) {
    byte[] candidate = password.getBytes(StandardCharsets.UTF_8);
    return BCrypt.verifyer().verify(candidate, (hash != null ? hash : DUMMY).getBytes(StandardCharsets.UTF_8)).verified
        && hash != null;
  }
}
