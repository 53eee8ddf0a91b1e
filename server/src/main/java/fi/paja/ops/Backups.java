package fi.paja.ops;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The backup file of the embedded database: a zip with the store file as of one commit ({@value #STORE_ENTRY}) and
 * a description ({@value #INFO_ENTRY}: format, when it was made, the store file's size and SHA-256). A backup is
 * written only after the copied store was opened and every page of it read back, and it is restored only when the
 * zip is complete, the store's size and digest match the description and the store opens and reads the same way:
 * a truncated or damaged file is refused before anything in the data directory is touched.
 */
public final class Backups {

  public static final String STORE_ENTRY = "paja.mv";
  public static final String INFO_ENTRY = "paja-backup.json";
  public static final int FORMAT = 1;
  public static final String STORE_FILE = fi.paja.storage.EmbeddedMongo.FILE_NAME;

  /** A backup or restore cannot be done; the message says why, for the operator. */
  public static final class BackupException extends Exception {
    public BackupException(String message) {
      super(message);
    }

    public BackupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Writes a store file's bytes to the stream given; returns how many. */
  @FunctionalInterface
  public interface StoreCopy {
    long copyTo(OutputStream out) throws IOException;
  }

  private Backups() {
  }

  /**
   * Makes a backup file at {@code target} from {@code copy}, using {@code workDir} for the store copy (then deleted).
   * The file appears complete or not at all. Blocking.
   */
  public static JsonObject write(StoreCopy copy, Path workDir, Path target) throws IOException, BackupException {
    Files.createDirectories(workDir);
    Path store = Files.createTempFile(workDir, ".paja-backup-", ".mv");
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      MessageDigest sha = sha256();
      long bytes;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(store), sha)) {
        bytes = copy.copyTo(out);
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      verifyStore(store);
      JsonObject info = new JsonObject().put("format", FORMAT).put("createdAt", Instant.now().toString())
          .put("file", STORE_ENTRY).put("bytes", bytes).put("sha256", digest);
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
        zip.putNextEntry(new ZipEntry(INFO_ENTRY));
        zip.write(info.encodePrettily().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(STORE_ENTRY));
        Files.copy(store, zip);
        zip.closeEntry();
      }
      sync(partial);
      move(partial, target);
      return info;
    } finally {
      Files.deleteIfExists(store);
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Checks the backup file and extracts its store file to {@code storeOut}; throws, saying what is wrong with it,
   * for anything but a complete and readable backup. Blocking.
   */
  public static JsonObject extract(Path backup, Path storeOut) throws IOException, BackupException {
    if (!Files.isRegularFile(backup)) {
      throw new BackupException("No backup file at " + backup.toAbsolutePath());
    }
    JsonObject info;
    try (ZipFile zip = new ZipFile(backup.toFile())) {
      ZipEntry infoEntry = zip.getEntry(INFO_ENTRY);
      ZipEntry storeEntry = zip.getEntry(STORE_ENTRY);
      if (infoEntry == null || storeEntry == null) {
        throw new BackupException(backup + " is not a Paja backup (it lacks " + INFO_ENTRY + " or " + STORE_ENTRY
            + ")");
      }
      try (InputStream in = zip.getInputStream(infoEntry)) {
        info = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw new BackupException(backup + " is damaged: its description cannot be read", e);
      }
      if (info.getInteger("format", 0) != FORMAT) {
        throw new BackupException(backup + " has backup format " + info.getValue("format")
            + ", which this version of Paja does not know (it knows " + FORMAT + ")");
      }
      MessageDigest sha = sha256();
      long bytes;
      try (InputStream in = zip.getInputStream(storeEntry);
          OutputStream out = new DigestOutputStream(Files.newOutputStream(storeOut), sha)) {
        bytes = in.transferTo(out);
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      if (bytes != info.getLong("bytes", -1L) || !digest.equals(info.getString("sha256"))) {
        throw new BackupException(backup + " is damaged: its database file is not the one that was backed up ("
            + bytes + " bytes, expected " + info.getValue("bytes") + "; checksum differs)");
      }
    } catch (ZipException e) {
      throw new BackupException(backup + " is not a complete Paja backup (truncated or damaged: " + e.getMessage()
          + ")", e);
    } catch (java.io.EOFException e) {
      throw new BackupException(backup + " is damaged (" + e + ")", e);
    }
    verifyStore(storeOut);
    return info;
  }

  /**
   * Opens a store file read-only and reads every entry of every map, so that every page is read and checked: a
   * store that does not open or read is refused, saying so. Blocking.
   */
  public static void verifyStore(Path file) throws BackupException {
    MVStore store;
    try {
      store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    } catch (RuntimeException e) {
      throw new BackupException("The backed-up database file cannot be opened: " + e.getMessage(), e);
    }
    try {
      for (String name : store.getMapNames()) {
        MVMap<Object, Object> map = store.openMap(name);
        for (var it = map.cursor(null); it.hasNext();) {
          it.next();
          it.getValue();
        }
      }
    } catch (RuntimeException e) {
      throw new BackupException("The backed-up database file cannot be read: " + e.getMessage(), e);
    } finally {
      try {
        store.closeImmediately();
      } catch (RuntimeException ignored) {
        // read-only: nothing to lose
      }
    }
  }

  /**
   * Whether a Paja (or anything else through H2) has the store file in {@code dataDir} open: H2 holds a lock on the
   * file while it is open. False when there is no file.
   */
  public static boolean inUse(Path dataDir) throws IOException {
    Path file = dataDir.resolve(STORE_FILE);
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return true;
    }
  }

  static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
    Path dir = to.toAbsolutePath().getParent();
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // some file systems cannot sync a directory; the move itself is done
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
