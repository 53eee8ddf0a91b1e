package fi.paja.ops;

import fi.paja.config.ConfigException;
import fi.paja.config.ConfigLoader;
import fi.paja.config.PajaConfig;
import fi.paja.ops.Backups.BackupException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar paja-server.jar backup FILE} and {@code restore FILE}: the operator's commands for the embedded
 * database, configured by the same {@code PAJA_*} environment as the server.
 *
 * <p>Backup: while Paja runs on the data directory (its database file is locked), the running server is asked for
 * a backup ({@code POST /api/admin/backup} with the administrator's login, {@code PAJA_ADMIN_PASSWORD} or typed at
 * the prompt) and writes a consistent copy as of one commit while it goes on working; while it does not run, the
 * file is copied here, opened read-only so that no Paja can start on it meanwhile. Either way the backup is checked
 * before it is kept. Restore: refused while a Paja runs on the data directory; the backup is checked completely
 * before anything is changed; the database file that was there is kept aside, renamed.
 */
public final class BackupCommand {

  static final String USAGE = """
      Usage: java -jar paja-server.jar backup FILE [--url http://127.0.0.1:8080]
             java -jar paja-server.jar restore FILE
      Configured by the same PAJA_* environment as the server (PAJA_DATA_DIR, PAJA_HTTP_PORT, PAJA_ADMIN_USER,
      PAJA_ADMIN_PASSWORD). See README, "Backups".""";

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  BackupCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Whether {@code args} name one of these commands (otherwise the server starts). */
  public static boolean handles(String[] args) {
    return args.length > 0;
  }

  /** Runs the command; returns the exit status: 0 done, 1 failed (nothing changed), 2 wrong use. */
  public static int run(String[] args) {
    return new BackupCommand(System.getenv(), System.out, System.err).execute(List.of(args));
  }

  int execute(List<String> args) {
    if (args.size() < 2 || !(args.get(0).equals("backup") || args.get(0).equals("restore"))
        || (args.get(0).equals("restore") && args.size() != 2)
        || (args.get(0).equals("backup") && args.size() != 2 && !(args.size() == 4 && args.get(2).equals("--url")))) {
      err.println(USAGE);
      return 2;
    }
    PajaConfig config;
    try {
      config = ConfigLoader.load(env);
    } catch (ConfigException e) {
      err.println("Paja " + args.get(0) + ": " + e.getMessage());
      return 2;
    }
    if (!config.embeddedMongo()) {
      err.println("PAJA_MONGO_URL is set: this Paja keeps its data in that MongoDB, not in an embedded database. Back "
          + "it up with mongodump and restore it with mongorestore (README, \"Backups\").");
      return 2;
    }
    Path file = Path.of(args.get(1)).toAbsolutePath();
    try {
      if (args.get(0).equals("backup")) {
        return backup(config, file, args.size() == 4 ? args.get(3) : null);
      }
      return restore(config, file);
    } catch (BackupException e) {
      err.println("Paja " + args.get(0) + " failed: " + e.getMessage() + ". Nothing was changed.");
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("Paja " + args.get(0) + " failed: " + e + ". Nothing was changed.");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Paja " + args.get(0) + " was interrupted. Nothing was changed.");
      return 1;
    }
  }

  // ---- backup ----

  private int backup(PajaConfig config, Path target, String url)
      throws IOException, BackupException, InterruptedException {
    Path dataDir = config.dataDir().toAbsolutePath();
    Path store = dataDir.resolve(Backups.STORE_FILE);
    if (Files.isDirectory(target)) {
      throw new BackupException(target + " is a directory; name the backup file to write");
    }
    Files.createDirectories(target.getParent());
    JsonObject info;
    if (url != null || Backups.inUse(dataDir)) {
      info = backupFromServer(config, target, url);
      out.println("Backup of the running Paja written to " + target + " (" + info.getLong("bytes")
          + " bytes of database as of " + info.getString("createdAt") + ").");
    } else {
      if (!Files.exists(store)) {
        throw new BackupException("There is no database at " + store + " (PAJA_DATA_DIR) and no Paja runs there");
      }
      // Locked (shared, as H2 locks a file it opens read-only) against a Paja starting on it while it is copied,
      // and copied through the same descriptor: closing another one would drop the lock (POSIX locks).
      try (FileChannel in = FileChannel.open(store, StandardOpenOption.READ)) {
        FileLock lock = in.tryLock(0, Long.MAX_VALUE, true);
        if (lock == null) {
          throw new BackupException("A Paja started on " + dataDir + " just now; run the backup again");
        }
        info = Backups.write(o -> {
          long n = in.transferTo(0, Long.MAX_VALUE, java.nio.channels.Channels.newChannel(o));
          return n;
        }, target.getParent(), target);
      }
      out.println("Backup of " + store + " (no Paja running) written to " + target + " (" + info.getLong("bytes")
          + " bytes of database).");
    }
    return 0;
  }

  private JsonObject backupFromServer(PajaConfig config, Path target, String url)
      throws IOException, BackupException, InterruptedException {
    String base = url != null ? url.replaceAll("/+$", "") : "http://" + localHost(config.httpHost()) + ":"
        + config.httpPort();
    String password = env.get("PAJA_ADMIN_PASSWORD");
    if (password == null || password.isEmpty()) {
      java.io.Console console = System.console();
      if (console == null) {
        throw new BackupException("Paja runs on " + config.dataDir() + ", so the backup is asked of it at " + base
            + " as " + config.adminUser() + ": set PAJA_ADMIN_PASSWORD (or run this in a terminal to be asked)");
      }
      char[] typed = console.readPassword("Password of %s at %s: ", config.adminUser(), base);
      password = typed == null ? "" : new String(typed);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> login;
    try {
      login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", config.adminUser())
              .put("password", password).encode()))
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BackupException("The database in " + config.dataDir() + " is in use, but no Paja answers at " + base
          + " (" + e + "); give its address with --url", e);
    }
    if (login.statusCode() != 200) {
      throw new BackupException("Paja at " + base + " refused the login of " + config.adminUser() + ": "
          + errorMessage(login.body()));
    }
    String token = new JsonObject(login.body()).getString("token");
    Path partial = target.resolveSibling(target.getFileName() + ".download");
    Path check = Files.createTempFile(target.getParent(), ".paja-backup-check-", ".mv");
    try {
      HttpResponse<InputStream> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/backup"))
          .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = reply.body()) {
        if (reply.statusCode() != 200) {
          throw new BackupException("Paja at " + base + " did not make the backup: "
              + errorMessage(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        }
        Files.copy(body, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      JsonObject info = Backups.extract(partial, check); // what arrived is complete and readable
      Backups.sync(partial);
      Backups.move(partial, target);
      return info;
    } finally {
      Files.deleteIfExists(partial);
      Files.deleteIfExists(check);
      try {
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/logout")).header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      } catch (IOException ignored) {
        // the token expires by itself
      }
    }
  }

  private static String localHost(String bound) {
    return bound.equals("0.0.0.0") || bound.equals("::") || bound.isEmpty() ? "127.0.0.1"
        : bound.contains(":") ? "[" + bound + "]" : bound;
  }

  private static String errorMessage(String body) {
    try {
      JsonObject error = new JsonObject(body).getJsonObject("error");
      return error.getString("message") + " (" + error.getString("code") + ")";
    } catch (RuntimeException e) {
      return body.length() > 200 ? body.substring(0, 200) : body;
    }
  }

  // ---- restore ----

  private int restore(PajaConfig config, Path backup) throws IOException, BackupException, InterruptedException {
    Path dataDir = config.dataDir().toAbsolutePath();
    Path store = dataDir.resolve(Backups.STORE_FILE);
    if (Backups.inUse(dataDir)) {
      throw new BackupException(running(dataDir));
    }
    Files.createDirectories(dataDir);
    Path restored = Files.createTempFile(dataDir, ".paja-restore-", ".mv");
    try {
      JsonObject info = Backups.extract(backup, restored);
      Backups.sync(restored);
      Path keptAside = null;
      try (FileChannel old = Files.exists(store) ? FileChannel.open(store, StandardOpenOption.READ,
          StandardOpenOption.WRITE) : null) {
        FileLock lock = old == null ? null : old.tryLock();
        if (old != null && lock == null) {
          throw new BackupException(running(dataDir));
        }
        if (old != null) {
          keptAside = dataDir.resolve(Backups.STORE_FILE + ".before-restore-"
              + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
          Backups.move(store, keptAside);
        }
        Backups.move(restored, store);
      }
      out.println("Restored " + backup + " (backup made " + info.getString("createdAt") + ") to " + store + "."
          + (keptAside != null ? " The database that was there is kept as " + keptAside + "." : "")
          + " Start Paja to use it.");
      return 0;
    } finally {
      Files.deleteIfExists(restored);
    }
  }

  private static String running(Path dataDir) {
    return "Paja is running with its data in " + dataDir + " (the database file is locked). Stop it before "
        + "restoring";
  }
}
