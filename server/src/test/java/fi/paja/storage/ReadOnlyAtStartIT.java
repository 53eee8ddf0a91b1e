package fi.paja.storage;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fi.paja.support.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server that cannot write its data directory does not start (read-only, it would have served with every command
 * failing): it exits non-zero and says which directory or file and why. Both cases have a database from an earlier
 * run, as after a restart.
 */
@ExtendWith(VertxExtension.class)
@Tag("slow")
class ReadOnlyAtStartIT {

  @Test
  void aReadOnlyDataDirectoryStopsTheStartNamingIt(Vertx vertx) throws Exception {
    Path tmpfs = Mounts.tmpfs("paja-ro-start", "16m");
    try {
      earlierRun(vertx, tmpfs);
      Mounts.remount(tmpfs, "ro");

      String output = failedStart(tmpfs);
      assertTrue(output.contains(tmpfs.toString()), "the output does not name the data directory:\n" + output);
      assertTrue(output.toLowerCase(Locale.ROOT).contains("read-only file system"),
          "the output does not say why:\n" + output);
    } finally {
      Mounts.run("mount", "-o", "remount,rw", tmpfs.toString());
      Mounts.cleanUp(tmpfs);
    }
  }

  /** The directory is writable but the database file is immutable: H2 would open it read-only without a word. */
  @Test
  void anImmutableDataFileStopsTheStartNamingIt(Vertx vertx) throws Exception {
    Mounts.assumeRoot();
    Path dataDir = Files.createTempDirectory("paja-immutable-start");
    assumeTrue(Mounts.supportsImmutable(dataDir), "the file system of /tmp does not support chattr +i");
    Path file = dataDir.resolve("paja.mv");
    try {
      earlierRun(vertx, dataDir);
      Mounts.chattr("+i", file);

      String output = failedStart(dataDir);
      assertTrue(output.contains(file.toString()), "the output does not name the data file:\n" + output);
      assertTrue(output.toLowerCase(Locale.ROOT).contains("not writable"), "the output does not say why:\n" + output);
    } finally {
      Mounts.run("chattr", "-i", file.toString());
      Mounts.run("rm", "-rf", dataDir.toString());
    }
  }

  /** A first start that stores something; killed (what it acknowledged is committed). */
  private static void earlierRun(Vertx vertx, Path dataDir) throws Exception {
    try (FaultyServer server = FaultyServer.start(vertx, dataDir)) {
      server.acknowledge(1, "ensimmäinen");
    }
  }

  /** Starts the jar and waits for it to exit; fails if it is still running after a minute. */
  private static String failedStart(Path dataDir) throws Exception {
    Path log = Files.createTempFile("paja-start", ".log");
    Process p = ServerProcess.start(dataDir, ServerProcess.freePort(), Map.of(), log);
    try {
      boolean exited = p.waitFor(60, TimeUnit.SECONDS);
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(exited, "the server started on a data directory it cannot write:\n" + output);
      assertNotEquals(0, p.exitValue(), output);
      return output;
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }
}
