package fi.paja.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether the data directory takes writes, found out by writing: a probe file written, synced and deleted, and the
 * store file writable. Asking the file system (permissions, mount flags) misses immutable files, a full disk and
 * root's exemptions. Blocking.
 */
final class DataDir {

  static final String PROBE_FILE = ".paja-write-probe";
  /**
   * The probe writes this much: the store grows by a chunk per commit, so a directory counts as writable only with
   * some room to spare, not when the last few kilobytes let one small write through and the next one fail.
   */
  static final int PROBE_BYTES = 1024 * 1024;

  private DataDir() {
  }

  /** Throws, naming the directory or file and the reason, unless Paja can store data in {@code dir}. */
  static void checkWritable(Path dir) throws StorageFault {
    Path probe = dir.resolve(PROBE_FILE);
    IOException failure = null;
    try {
      Files.createDirectories(dir);
      try (FileChannel out = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer zeros = ByteBuffer.allocate(PROBE_BYTES);
        while (zeros.hasRemaining()) {
          out.write(zeros);
        }
        out.force(true);
      }
    } catch (IOException e) {
      failure = e;
    }
    try {
      Files.deleteIfExists(probe);
    } catch (IOException e) {
      failure = failure != null ? failure : e; // the first failure is the one that says why
    }
    if (failure != null) {
      throw StorageFault.of("Cannot write the data directory " + dir.toAbsolutePath(), failure);
    }
    Path file = dir.resolve(EmbeddedMongo.FILE_NAME);
    // H2 opens a file it may not write read-only without saying so; every commit would fail.
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new StorageFault("The data file " + file.toAbsolutePath()
          + " is not writable (read-only file system, immutable file, or permissions)", "data file not writable",
          null);
    }
  }
}
