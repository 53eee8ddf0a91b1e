package fi.paja.owner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This node's name in board leases, kept in the data directory: a node that restarts (even after {@code kill -9})
 * takes its boards back at once instead of waiting for its own old leases to run out. Blocking: call it off the
 * event loop.
 */
public final class NodeId {

  static final String FILE = "node-id";

  private NodeId() {
  }

  public static String load(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (id.matches("[A-Za-z0-9-]{8,64}")) {
        return id;
      }
    }
    Files.createDirectories(dataDir);
    String id = UUID.randomUUID().toString();
    Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
    return id;
  }
}
