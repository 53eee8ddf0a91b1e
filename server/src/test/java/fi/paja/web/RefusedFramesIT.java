package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Await;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Frames the bridge refuses are cheap and counted per socket: a flood of registrations with junk tokens does not
 * delay anyone else's commands, and a socket that keeps sending them is closed. Registrations count against the
 * 64 handlers a socket may hold, even when they arrive all at once.
 */
class RefusedFramesIT extends ServerTestBase {

  /** The flood goes on while the other participant's commands are timed, up to this many frames. */
  static final int MAX_FRAMES = 200_000;

  /** Round trips of commands from a participant's own socket, in milliseconds. */
  private static List<Long> latencies(RawBridge socket, String cmd, String token, int count) throws Exception {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      JsonObject reply = socket.request(cmd, addNote("sivullinen " + i, i, 0), token);
      out.add((System.nanoTime() - t0) / 1_000_000);
      assertEquals("rec", reply.getString("type"), reply.encode());
      Thread.sleep(50); // time passes on purpose: samples spread over the flood, not one burst
    }
    return out;
  }

  private static long percentile(List<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }

  private static String summary(List<Long> ms) {
    return "p50 " + percentile(ms, 0.5) + " ms, p95 " + percentile(ms, 0.95) + " ms, max "
        + percentile(ms, 1.0) + " ms";
  }

  /** A token that is not one: too short, too long, wrong alphabet, or well formed but unknown. */
  private static String junkToken(Random random, int i) {
    return switch (i % 4) {
      case 0 -> "junk-" + i;
      case 1 -> "x".repeat(1 + random.nextInt(150));
      case 2 -> "ä€" + random.nextLong();
      default -> {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        yield java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
    };
  }

  @Test
  void aFloodOfRegistrationsWithJunkTokensDoesNotDelayAnotherParticipant() throws Exception {
    JsonObject workshop = api.createWorkshop(api.login(), "Tulva");
    String id = workshop.getString("id");
    JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
    String cmd = "workshop." + id + ".cmd";
    String events = "workshop." + id + ".events";
    try (RawBridge bystander = RawBridge.connect(vertx, server.port())) {
      bystander.register(events, aino.getString("token"));
      List<Long> quiet = latencies(bystander, cmd, aino.getString("token"), 20);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger frames = new AtomicInteger();
      AtomicInteger connections = new AtomicInteger();
      List<Thread> flooders = new ArrayList<>();
      long floodStart = System.nanoTime();
      java.util.concurrent.atomic.AtomicLong floodEnd = new java.util.concurrent.atomic.AtomicLong();
      for (int f = 0; f < 2; f++) {
        int seed = f;
        // Made beforehand, so that the flood costs the test's own JVM little (it shares the cores with the server).
        Random random = new Random(seed);
        List<String> junk = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
          junk.add(new JsonObject().put("type", "register").put("address", events)
              .put("headers", new JsonObject().put("token", junkToken(random, i))).encode());
        }
        Thread flooder = new Thread(() -> {
          while (!stop.get() && frames.get() < MAX_FRAMES) {
            RawBridge socket;
            try {
              socket = RawBridge.connect(vertx, server.port());
            } catch (Exception e) {
              continue;
            }
            connections.incrementAndGet();
            try {
              while (!stop.get() && !socket.isClosed() && frames.get() < MAX_FRAMES) {
                Future<Void> last = null;
                for (int i = 0; i < 100; i++) {
                  int n = frames.incrementAndGet();
                  last = socket.writeRawNoWait(junk.get(n % junk.size()));
                }
                // A server that stopped reading this socket: give up on it after a second, as an attacker would.
                last.toCompletionStage().toCompletableFuture().get(1, java.util.concurrent.TimeUnit.SECONDS);
              }
            } catch (Exception closedByServer) {
              // The server closed it, or stopped reading it: a new one.
            } finally {
              socket.closeNoWait();
            }
          }
          floodEnd.compareAndSet(0, System.nanoTime());
        }, "flooder-" + f);
        flooder.start();
        flooders.add(flooder);
      }
      List<Long> flooded;
      try {
        Await.until("the flood to be under way", Duration.ofSeconds(10), () -> frames.get() >= 1_000);
        flooded = latencies(bystander, cmd, aino.getString("token"), 40);
      } finally {
        stop.set(true);
        for (Thread t : flooders) {
          t.join(30_000);
        }
      }
      System.out.println("RefusedFramesIT: flooded " + flooded);
      System.out.printf(
          "RefusedFramesIT: quiet %s; under a flood of %d junk registrations on %d connections in %.1f s: "
              + "%s%n",
          summary(quiet), frames.get(), connections.get(), (floodEnd.get() - floodStart) / 1e9,
          summary(flooded));
      // 5.7 s before the refused frames were cheap; the machine's own noise reaches a few hundred ms.
      assertTrue(percentile(flooded, 0.95) < 1_500, "another participant's commands under the flood: "
          + summary(flooded));
      assertTrue(connections.get() > 2, "the flooding sockets were never closed");
    }
  }

  @Test
  void aSocketRegistersAtMost64AddressesEvenAllAtOnce() throws Exception {
    String facilitator = api.login();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      addresses.add("workshop." + api.createWorkshop(facilitator, "Paja " + i).getString("id") + ".events");
    }
    try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
      for (String address : addresses) {
        socket.register(address, facilitator);
      }
      int refused = 0;
      while (socket.receives(f -> "err".equals(f.getString("type")), 3_000)) {
        refused++;
      }
      assertEquals(6, refused, "registrations refused beyond 64");
    }
  }
}
