package fi.paja.owner;

import fi.paja.board.Addresses;
import fi.paja.board.Command;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** What waits in a {@link BoardActor}'s queue: a command to apply, or a read to answer between groups. */
sealed interface Work permits Work.CommandWork, Work.ReadWork {

  /** The message to answer; null for the board's own work. */
  Message<Object> message();

  /** A command from {@code actorId} (null: the server itself), and when it was received and accepted. */
  record CommandWork(Message<Object> message, Command command, String actorId, long receivedNanos,
                     long acceptedAt)
      implements Work {
    CommandWork(Message<Object> message, Command command, String actorId) {
      this(message, command, actorId, System.nanoTime(), acceptedAt(message));
    }

    /** When a node took the command from its client; the waiting counts from there, not from reaching the board. */
    private static long acceptedAt(Message<Object> message) {
      String header = message == null ? null : message.headers().get(Addresses.HEADER_ACCEPTED_AT);
      try {
        return header == null ? System.currentTimeMillis() : Long.parseLong(header);
      } catch (NumberFormatException e) {
        return System.currentTimeMillis();
      }
    }

    boolean stale(long now) {
      return message != null && now - acceptedAt > BoardActor.MAX_WAIT_MILLIS;
    }
  }

  /** A read: run once no group is being written. */
  record ReadWork(Message<Object> message, Runnable read) implements Work {
  }

  /** A command applied: its reply, sent once its change is durable (an erasure's once the log is dropped too). */
  record Done(Message<Object> message, JsonObject reply, String op, long receivedNanos) {
  }
}
