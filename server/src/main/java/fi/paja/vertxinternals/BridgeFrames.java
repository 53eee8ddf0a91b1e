package fi.paja.vertxinternals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The frame Vert.x's event-bus bridge writes to a socket for a message it delivers ({@code EventBusBridgeImpl
 * .deliverMessage}), for a message published without headers and without a reply address, as board events are.
 * Written here by Paja's own fan-out, so a client cannot tell it from the bridge's.
 */
public final class BridgeFrames {

  private BridgeFrames() {
  }

  /** {@code {"type":"rec","address":…,"body":…}}, the bridge's field order. */
  public static Buffer rec(String address, JsonObject body) {
    return new JsonObject().put("type", "rec").put("address", address).put("body", body).toBuffer();
  }
}
