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

  /**
   * The frame the bridge writes when a message sent with a reply address fails at its recipient
   * ({@code EventBusBridgeImpl.internalHandleSendOrPub}, a {@code ReplyException} of type {@code RECIPIENT_FAILURE}):
   * {@code {"type":"err","address":…,"failureCode":…,"failureType":"RECIPIENT_FAILURE","message":…}}. Without an
   * {@code address} when {@code address} is null.
   */
  public static Buffer recipientFailure(String address, int failureCode, String message) {
    JsonObject frame = new JsonObject().put("type", "err");
    if (address != null) {
      frame.put("address", address);
    }
    return frame.put("failureCode", failureCode).put("failureType", "RECIPIENT_FAILURE").put("message", message)
        .toBuffer();
  }

  /** {@code {"type":"rec","address":…,"body":…}}, the bridge's field order. */
  public static Buffer rec(String address, JsonObject body) {
    return new JsonObject().put("type", "rec").put("address", address).put("body", body).toBuffer();
  }
}
