package fi.paja.storage;

import java.nio.file.FileSystemException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Why the embedded store cannot write: the whole story for the log (which file, what failed, the system's reason)
 * and a short reason without paths, for {@code /health}, which anyone may read.
 */
public final class StorageFault extends Exception {

  private final String reason;

  StorageFault(String message, String reason, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** {@code what} failed because of {@code cause}: e.g. "Cannot write the data directory /data" and an IOException. */
  static StorageFault of(String what, Throwable cause) {
    if (cause instanceof StorageFault fault) {
      return fault;
    }
    return new StorageFault(what + ": " + chain(cause), reasonOf(cause), cause);
  }

  /** Short, without paths: the operating system's words where there are some ("No space left on device"). */
  public String reason() {
    return reason;
  }

  static String reasonOf(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof StorageFault fault) {
      return fault.reason();
    }
    if (root instanceof FileSystemException e && e.getReason() != null) {
      return e.getReason();
    }
    if (root instanceof java.io.IOException && root.getMessage() != null && !root.getMessage().contains("/")) {
      return root.getMessage();
    }
    return "the store cannot write its file";
  }

  /** The messages of an exception and its causes, on one line. */
  static String chain(Throwable t) {
    Set<String> parts = new LinkedHashSet<>();
    for (Throwable c = t; c != null && parts.size() < 5; c = c.getCause() == c ? null : c.getCause()) {
      parts.add(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
    }
    return String.join(": ", parts);
  }
}
