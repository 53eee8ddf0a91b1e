package fi.paja.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.ServerProcess;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded database is reachable by the Paja process alone: the built jar, in a process of its own, listens
 * on its HTTP port and nothing else, so no other local user can read hidden notes or insert a session. Read from
 * the kernel's own tables (/proc), not from what Paja logs.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedIsolationIT {

  @Test
  void theServerListensOnItsHttpPortAndNoOtherPort(Vertx vertx) throws Exception {
    Path dataDir = Files.createTempDirectory("paja-isolation");
    int port = ServerProcess.freePort();
    Process server = ServerProcess.start(dataDir, port, Map.of());
    try {
      Api api = new Api(vertx, port);
      ServerProcess.awaitHealthy(api);
      api.createWorkshop(api.login(), "Eristys"); // the database has been used: accounts, sessions, a workshop

      Set<Long> sockets = socketInodes(server.pid());
      Set<Integer> listening = listeningTcpPorts(sockets);
      assertTrue(listening.contains(port), "HTTP port " + port + " not found among " + listening);

      Set<Integer> others = new TreeSet<>(listening);
      others.remove(port);
      List<String> readable = new ArrayList<>();
      for (int other : others) {
        int accounts = accountsReadable(vertx, other);
        if (accounts >= 0) {
          readable.add("mongodb://127.0.0.1:" + other + " gave " + accounts + " account(s)");
        }
      }
      assertEquals(List.of(), readable, "a database client reached Paja's data");
      assertEquals(Set.of(), others, "the server listens on TCP ports besides HTTP " + port);
      assertEquals(List.of(), listeningUnixSockets(sockets), "the server listens on Unix sockets");
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
      server.destroyForcibly();
    }
  }

  /** The inodes of the sockets the process holds: /proc/PID/fd/N links to {@code socket:[INODE]}. */
  private static Set<Long> socketInodes(long pid) throws IOException {
    Set<Long> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException closedMeanwhile) {
          continue;
        }
        if (target.startsWith("socket:[")) {
          inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
        }
      }
    }
    return inodes;
  }

  /** Ports of LISTEN (state 0A) entries in /proc/net/tcp and tcp6 whose socket the process holds. */
  private static Set<Integer> listeningTcpPorts(Set<Long> inodes) throws IOException {
    Set<Integer> ports = new TreeSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      List<String> lines = Files.readAllLines(path);
      for (String line : lines.subList(1, lines.size())) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
        String[] f = line.trim().split("\\s+");
        if (f[3].equals("0A") && inodes.contains(Long.parseLong(f[9]))) {
          String local = f[1];
          ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }

  /** Paths (or abstract names) of listening Unix sockets the process holds, from /proc/net/unix. */
  private static List<String> listeningUnixSockets(Set<Long> inodes) throws IOException {
    List<String> found = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
    for (String line : lines.subList(1, lines.size())) {
      // Num RefCount Protocol Flags Type St Inode [Path]; flag 00010000 is __SO_ACCEPTCON (listening).
      String[] f = line.trim().split("\\s+");
      boolean accepting = (Integer.parseInt(f[3], 16) & 0x10000) != 0;
      if (accepting && inodes.contains(Long.parseLong(f[6]))) {
        found.add(f.length > 7 ? f[7] : "(unnamed, inode " + f[6] + ")");
      }
    }
    return found;
  }

  /** How many accounts the MongoDB driver, as any local user could run it, reads on {@code port}; -1: none. */
  private static int accountsReadable(Vertx vertx, int port) {
    MongoClient client = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", "mongodb://127.0.0.1:" + port
            + "/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000")
        .put("db_name", "paja"));
    try {
      return TestServer.await(client.find(Collections.ACCOUNTS, new JsonObject())).size();
    } catch (Exception refused) {
      return -1;
    } finally {
      client.close();
    }
  }
}
