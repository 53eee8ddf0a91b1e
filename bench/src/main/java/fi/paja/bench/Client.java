package fi.paja.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One simulated participant on the bridge, as a browser is: over SockJS's WebSocket transport (the browser client's
 * {@code /eventbus/<server>/<session>/websocket}, messages framed as SockJS arrays) or the raw WebSocket endpoint
 * ({@code /eventbus/websocket}, one message per frame). It registers on its board's events (and
 * presence) with its token, pings every 5 s, sends commands with a reply address and waits for the replies. All its
 * state lives on one event-loop context, so it needs no locks (only the move send-time ring is read by others).
 */
final class Client {

  /** Replies still outstanding above this many: the client stops sending (counted as skipped) instead of piling up. */
  static final int MAX_PENDING = 2_000;
  private static final int RING = 1024;
  private static final JsonFactory JSON = new JsonFactory();

  private record Pending(long sentAt, Stats stats) {
  }

  final int index;
  final String workshopId;
  final String token;
  final String participantId;
  final Context context;
  private final Bench.Run run;
  private final String eventsAddress;
  private final String presenceAddress;
  private final String commandPrefix;
  private final String replyPrefix;
  private final Map<String, Pending> pending = new HashMap<>();
  /** Send time of note.move number k, at k % RING; x of the move carries k & 0xFFFF. */
  private final AtomicLongArray moveSentAt = new AtomicLongArray(RING);
  private WebSocket socket;
  private boolean sockJs;
  /** A SockJS frame that came in several WebSocket frames, until its last one. */
  private Buffer partial;
  private long counter;
  private long moves;
  private long notes;
  private long lastSeq = -1;
  private long pinger = -1;
  private long driver = -1;
  private boolean closing;
  private Promise<Void> presenceSeen;
  String ownNoteId;
  /** Called on this client's context after each reply (used to pipeline commands). */
  Runnable onReply;

  Client(Bench.Run run, int index, String workshopId, String token, String participantId, Context context) {
    this.run = run;
    this.index = index;
    this.workshopId = workshopId;
    this.token = token;
    this.participantId = participantId;
    this.context = context;
    this.eventsAddress = "workshop." + workshopId + ".events";
    this.presenceAddress = "workshop." + workshopId + ".presence";
    this.commandPrefix = "{\"type\":\"send\",\"address\":\"workshop." + workshopId
        + ".cmd\",\"headers\":{\"token\":\"" + token + "\"},\"replyAddress\":\"";
    this.replyPrefix = "r" + index + ".";
  }

  /** Connects, registers, starts pinging. Completes when registered (with presence: once presence arrived). */
  Future<Void> connect(WebSocketClient wsClient, int port, boolean presence, boolean sockJs) {
    Promise<Void> done = Promise.promise();
    this.sockJs = sockJs;
    // SockJS's client picks a random server number and session id the same way.
    String path = sockJs
        ? String.format("/eventbus/%03d/%s/websocket", index % 1000, "bench" + index + "x" + System.nanoTime())
        : "/eventbus/websocket";
    context.runOnContext(v -> wsClient.connect(port, "127.0.0.1", path).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      socket = ar.result();
      if (sockJs) {
        socket.frameHandler(this::onSockJsWebSocketFrame);
      } else {
        socket.binaryMessageHandler(this::onFrame);
        socket.textMessageHandler(t -> onFrame(Buffer.buffer(t)));
      }
      socket.exceptionHandler(e -> run.stats().error("socket_exception"));
      socket.closeHandler(x -> {
        if (!closing) {
          String why = "socket_closed_by_server(" + socket.closeStatusCode() + " " + socket.closeReason() + ")";
          run.stats().error(why);
          done.tryFail(why);
        }
      });
      pinger = context.owner().setPeriodic(5_000, id -> write("{\"type\":\"ping\"}"));
      write("{\"type\":\"register\",\"address\":\"" + eventsAddress
          + "\",\"headers\":{\"token\":\"" + token + "\"}}");
      if (presence) {
        presenceSeen = Promise.promise();
        presenceSeen.future().onComplete(done);
        // Registration gives no confirmation but the first presence message; do not wait for ever.
        context.owner().setTimer(30_000, t -> {
          if (presenceSeen != null && presenceSeen.tryComplete()) {
            run.stats().error("no_presence_within_30s_of_register");
          }
        });
        write("{\"type\":\"register\",\"address\":\"" + presenceAddress
            + "\",\"headers\":{\"token\":\"" + token + "\"}}");
      } else {
        done.complete();
      }
    }));
    return done.future();
  }

  /** One bridge message to the server: as it is on the raw endpoint, as a one-element SockJS array on SockJS. */
  private void write(String message) {
    socket.writeTextMessage(sockJs ? new JsonArray().add(message).encode() : message);
  }

  /**
   * WebSocket frames of the SockJS transport, read from their bytes: a thousand simulated clients share the cores
   * with the server they measure, so the generator does not decode each frame into strings first.
   */
  private void onSockJsWebSocketFrame(WebSocketFrame frame) {
    if (!frame.isText() && !frame.isContinuation()) {
      return;
    }
    Buffer data = frame.binaryData();
    if (!frame.isFinal()) {
      partial = partial == null ? data.copy() : partial.appendBuffer(data);
      return;
    }
    if (partial != null) {
      data = partial.appendBuffer(data);
      partial = null;
    }
    onSockJsFrame(data.getBytes());
  }

  /** SockJS frames: {@code o} open, {@code h} heartbeat, {@code a[...]} messages, {@code c[code,reason]} close. */
  private void onSockJsFrame(byte[] frame) {
    if (frame.length == 0) {
      return;
    }
    long now = System.nanoTime();
    switch (frame[0]) {
      case 'a' -> {
        try (JsonParser p = JSON.createParser(frame, 1, frame.length - 1)) {
          if (p.nextToken() != JsonToken.START_ARRAY) {
            run.stats().error("sockjs_bad_frame");
            return;
          }
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            // The message is read from the parser's own buffer, before the next token reuses it.
            char[] chars = p.getTextCharacters();
            int offset = p.getTextOffset();
            int length = p.getTextLength();
            EventFrame event = EventFrame.parse(chars, offset, length);
            if (event != null && eventsAddress.equals(event.address())) {
              onEvent(event, now);
            } else {
              onOtherFrame(new JsonObject(new String(chars, offset, length)), now);
            }
          }
        } catch (IOException e) {
          run.stats().error("sockjs_bad_frame");
        }
      }
      case 'c' -> run.stats().error("sockjs_closed(" + new String(frame, 1, frame.length - 1) + ")");
      case 'o', 'h' -> {
      }
      default -> run.stats().error("sockjs_unknown_frame");
    }
  }

  private void onFrame(Buffer buffer) {
    long now = System.nanoTime();
    EventFrame event = EventFrame.parse(buffer);
    if (event != null && eventsAddress.equals(event.address())) {
      onEvent(event, now);
      return;
    }
    onOtherFrame(new JsonObject(buffer), now);
  }

  private void onOtherFrame(JsonObject frame, long now) {
    String type = frame.getString("type");
    String address = frame.getString("address");
    if ("rec".equals(type) && address != null) {
      if (address.equals(eventsAddress)) {
        run.stats().error("unreadable_event");
      } else if (address.equals(presenceAddress)) {
        if (presenceSeen != null) {
          Promise<Void> p = presenceSeen;
          presenceSeen = null;
          p.tryComplete();
        }
        run.presenceFrames.increment();
      } else {
        Pending p = pending.remove(address);
        if (p != null) {
          p.stats().acked(p.sentAt(), now);
          run.onReply(this, frame.getJsonObject("body"));
        }
      }
    } else if ("err".equals(type)) {
      Pending p = address == null ? null : pending.remove(address);
      if (p != null) {
        p.stats().failed(frame.getString("message"));
      } else if ("max_handlers_reached".equals(frame.getString("body"))) {
        // The bridge counts reply addresses against max handlers per socket and drops the send: a failed command.
        run.stats().failed("bridge_max_handlers_reached");
      } else {
        run.stats().error("bridge_" + frame.getString("body", frame.getString("message", "err")));
      }
    }
  }

  private void onEvent(EventFrame body, long now) {
    long seq = body.seq();
    if (seq > 0) {
      if (lastSeq > 0 && seq != lastSeq + 1) {
        run.stats().seqGaps.increment();
      }
      lastSeq = seq;
    }
    String type = body.type();
    long sentAt = -1;
    if ("note.added".equals(type) || "note.updated".equals(type)) {
      sentAt = stampOf(body.text());
    } else if ("note.moved".equals(type)) {
      sentAt = run.moveSentAt(body.id(), body.x());
    }
    run.stats().delivered(sentAt, now);
  }

  /** Texts the bench writes end with {@code t=<nanoTime>}. */
  static long stampOf(String text) {
    if (text == null) {
      return -1;
    }
    int at = text.lastIndexOf("t=");
    if (at < 0) {
      return -1;
    }
    try {
      return Long.parseLong(text, at + 2, text.length(), 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  long moveSentAt(int x) {
    return moveSentAt.get(x % RING);
  }

  static String noteId(int clientIndex, long k) {
    return String.format("bn%06d-%06d", clientIndex, k);
  }

  /** The client index in a note id the bench chose, or -1. */
  static int clientOf(String noteId) {
    if (noteId == null || noteId.length() < 9 || !noteId.startsWith("bn")) {
      return -1;
    }
    try {
      return Integer.parseInt(noteId, 2, 8, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // ---- commands (call on this client's context) ----

  String addNote(Stats stats) {
    String id = noteId(index, ++notes);
    long now = System.nanoTime();
    send(stats, now, "{\"op\":\"note.add\",\"id\":\"" + id + "\",\"x\":" + (index % 1000) + ",\"y\":"
        + (notes % 1000) + ",\"text\":\"note " + id + " t=" + now + "\"}");
    return id;
  }

  void moveNote(Stats stats, String id) {
    long k = moves++;
    int x = (int) (k & 0xFFFF);
    long now = System.nanoTime();
    moveSentAt.set(x % RING, now);
    send(stats, now, "{\"op\":\"note.move\",\"id\":\"" + id + "\",\"x\":" + x + ",\"y\":" + (index % 1000) + "}");
  }

  void updateNote(Stats stats, String id) {
    long now = System.nanoTime();
    send(stats, now, "{\"op\":\"note.update\",\"id\":\"" + id + "\",\"text\":\"edited t=" + now + "\"}");
  }

  private void send(Stats stats, long now, String body) {
    if (pending.size() >= MAX_PENDING) {
      stats.skipped.increment();
      return;
    }
    String reply = replyPrefix + (++counter);
    pending.put(reply, new Pending(now, stats));
    stats.sent.increment();
    write(commandPrefix + reply + "\",\"body\":" + body + "}");
  }

  int pendingCount() {
    return pending.size();
  }

  /** Runs {@code tick} every {@code periodMillis} on this client's context, first after a random offset. */
  void drive(long periodMillis, Runnable tick) {
    context.runOnContext(v -> {
      long offset = 1 + (long) (Math.random() * periodMillis);
      driver = context.owner().setTimer(offset, t -> {
        tick.run();
        driver = context.owner().setPeriodic(periodMillis, p -> tick.run());
      });
    });
  }

  void stopDriving() {
    context.runOnContext(v -> {
      if (driver >= 0) {
        context.owner().cancelTimer(driver);
      }
      driver = -1;
    });
  }

  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closing = true;
      if (pinger >= 0) {
        context.owner().cancelTimer(pinger);
      }
      if (driver >= 0) {
        context.owner().cancelTimer(driver);
      }
      if (socket == null || socket.isClosed()) {
        done.complete();
      } else {
        socket.close().onComplete(ar -> done.complete());
      }
    });
    return done.future();
  }
}
