package fi.paja.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fi.paja.support.Api;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded database's file or file system stops taking writes while Paja runs: commands are refused with 503
 * storage_unavailable and never acknowledged, /health says DOWN, the log stays short, and when the file is writable
 * again Paja reopens it by itself with everything it acknowledged.
 */
@ExtendWith(VertxExtension.class)
@Tag("slow")
class ReadOnlyStorageIT {

  /** {@code chattr +i} on the data file and its directory, on the real disk (/tmp), then {@code chattr -i}. */
  @Test
  void anImmutableDataFileRefusesCommandsUntilItIsWritableAgain(Vertx vertx) throws Exception {
    Mounts.assumeRoot();
    Path dataDir = Files.createTempDirectory("paja-immutable");
    assumeTrue(Mounts.supportsImmutable(dataDir), "the file system of /tmp does not support chattr +i");
    Path file = dataDir.resolve("paja.mv");
    try (FaultyServer server = FaultyServer.start(vertx, dataDir)) {
      server.acknowledge(20, "ennen");

      Mounts.chattr("+i", file);
      Mounts.chattr("+i", dataDir);
      int linesBefore = server.logLines().size();
      Api.Reply refused = server.untilRefused("lukittu", 10_000);
      assertEquals(503, refused.status(), refused.body().encode());
      assertEquals("storage_unavailable", refused.errorCode());
      server.expectHealthDown();
      server.expectRefusing("lukittu", 5_000);

      Mounts.chattr("-i", dataDir);
      Mounts.chattr("-i", file);
      long recovery = server.awaitUp(30_000);
      int faultLines = server.logLines().size() - linesBefore;
      assertTrue(faultLines < 20, faultLines + " log lines during the fault:\n" + server.logText());
      server.acknowledge(20, "jälkeen");
      System.out.printf("ReadOnlyStorageIT (chattr): back up %d ms after chattr -i; %d log lines during the fault%n",
          recovery, faultLines);

      server.killAndRestart();
      server.assertEveryAcknowledgedNoteStored();
    } finally {
      Mounts.run("chattr", "-i", dataDir.toString());
      Mounts.run("chattr", "-i", file.toString());
      Mounts.run("rm", "-rf", dataDir.toString());
    }
  }

  /**
   * The data directory's file system turns read-only under the running server, as ext4 does after an I/O error
   * ({@code errors=remount-ro}; here {@code mount -o remount,abort}). A tmpfs cannot be remounted read-only while
   * the store file is open for writing (the kernel refuses: busy), so the file system is ext4 in an image on a tmpfs.
   * Repaired as an operator would: unmount (Paja must have let go of the file), fsck, mount again.
   */
  @Test
  void aFileSystemTurnedReadOnlyRefusesCommandsUntilItIsMountedAgain(Vertx vertx) throws Exception {
    Path tmpfs = Mounts.tmpfs("paja-ro", "64m");
    Path dataDir = tmpfs.resolveSibling(tmpfs.getFileName() + "-data");
    String device = null;
    try {
      device = Mounts.ext4(tmpfs, dataDir, "48m");
      try (FaultyServer server = FaultyServer.start(vertx, dataDir)) {
        server.acknowledge(20, "ennen");
        // The kernel writes back what Paja committed within seconds; an abort throws away what it had not yet
        // (like a crash: the embedded store does not fsync its commits). Written back now, the test is about the
        // read-only file system, not about that.
        Mounts.check(Mounts.run("sync", "-f", dataDir.toString()));

        Mounts.abort(dataDir);
        int linesBefore = server.logLines().size();
        Api.Reply refused = server.untilRefused("vain luku", 10_000);
        assertEquals(503, refused.status(), refused.body().encode());
        assertEquals("storage_unavailable", refused.errorCode());
        server.expectHealthDown();
        server.expectRefusing("vain luku", 5_000);

        assertNull(Mounts.umount(dataDir), "the server still holds files on the read-only file system");
        Mounts.run("e2fsck", "-fy", device);
        Mounts.check(Mounts.run("mount", device, dataDir.toString()));
        long recovery = server.awaitUp(30_000);
        int faultLines = server.logLines().size() - linesBefore;
        assertTrue(faultLines < 20, faultLines + " log lines during the fault:\n" + server.logText());
        server.acknowledge(20, "jälkeen");
        System.out.printf("ReadOnlyStorageIT (ext4 abort): back up %d ms after mounting again; %d log lines during"
            + " the fault%n", recovery, faultLines);

        server.killAndRestart();
        server.assertEveryAcknowledgedNoteStored();
      }
    } finally {
      if (device == null || Mounts.umount(dataDir) == null) {
        if (device != null) {
          Mounts.run("losetup", "-d", device);
        }
        // The mount point, with what the server may have written while nothing was mounted there.
        Mounts.run("rm", "-rf", dataDir.toString());
      }
      Mounts.cleanUp(tmpfs);
    }
  }
}
