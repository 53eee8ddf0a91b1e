package fi.paja.vertxinternals;

import io.vertx.ext.web.handler.sockjs.impl.JsonCodec;

/** Text as SockJS puts it into its frames: Vert.x's own escaping, the same as its SockJS sessions use. */
public final class SockJsText {

  private SockJsText() {
  }

  /** {@code text} as one JSON string, every non-ASCII character escaped (SockJS clients expect ASCII frames). */
  public static String quoted(String text) {
    String array = JsonCodec.encode(new String[] {text});
    return array.substring(1, array.length() - 1);
  }
}
