package fi.paja.owner;

import fi.paja.board.Addresses;
import fi.paja.error.PajaException;
import fi.paja.metrics.PajaMetrics;
import io.vertx.core.eventbus.Message;

/** How a board's owner refuses a message: counted by code, answered with the wire code (and detail where asked). */
record Refusals(PajaMetrics metrics) {

  /** A null message (the board's own work, e.g. a vote expiring) is only counted. */
  void fail(Message<?> message, PajaException e) {
    metrics.error(e.code().code());
    if (message != null) {
      message.fail(e.code().status(), Addresses.failure(message, e));
    }
  }
}
