package fi.paja.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded database's disk fills up while Paja runs (its data directory on a small tmpfs): commands are
 * refused with 503 storage_unavailable and never acknowledged, /health says DOWN, the log says so a few times rather
 * than once per request, and once space is freed Paja writes again by itself, having lost nothing it acknowledged.
 */
@ExtendWith(VertxExtension.class)
@Tag("slow")
class DiskFullIT {

  @Test
  void aFullDiskRefusesCommandsUntilSpaceIsFreedThenPajaCarriesOnByItself(Vertx vertx) throws Exception {
    Path tmpfs = Mounts.tmpfs("paja-full", "48m");
    try (FaultyServer server = FaultyServer.start(vertx, tmpfs)) {
      server.acknowledge(20, "ennen");

      Path filler = tmpfs.resolve("filler");
      fill(filler);
      int linesBefore = server.logLines().size();
      Api.Reply refused = server.untilRefused("täynnä", 20_000);
      assertEquals(503, refused.status(), refused.body().encode());
      assertEquals("storage_unavailable", refused.errorCode());
      server.expectHealthDown();
      assertEquals("No space left on device", server.api().get("/health", null).body().getString("storageError"));
      server.expectRefusing("täynnä", 6_000);

      Files.delete(filler);
      long recovery = server.awaitUp(30_000);
      int faultLines = server.logLines().size() - linesBefore;
      assertTrue(faultLines < 20, faultLines + " log lines during the fault:\n" + server.logText());
      server.assertEveryAcknowledgedNoteStored();
      server.acknowledge(20, "jälkeen");
      System.out.printf("DiskFullIT: back up %d ms after the filler was deleted; %d log lines during the fault%n",
          recovery, faultLines);

      server.killAndRestart();
      server.assertEveryAcknowledgedNoteStored();
    } finally {
      Mounts.cleanUp(tmpfs);
    }
  }

  /** Writes zeros until the file system has no space left. */
  static void fill(Path file) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocate(256 * 1024);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (true) {
        zeros.clear();
        try {
          while (zeros.hasRemaining()) {
            out.write(zeros);
          }
        } catch (IOException full) {
          if (zeros.capacity() == 1) {
            return;
          }
          zeros = ByteBuffer.allocate(Math.max(1, zeros.capacity() / 16));
        }
      }
    }
  }
}
