package fi.paja.vertxinternals;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.net.impl.ConnectionBase;

/** Writing the same bytes to many WebSockets cheaply. */
public final class WebSocketFrames {

  private WebSocketFrames() {
  }

  /**
   * A final text frame of these bytes (UTF-8), wrapping the array without a copy: the public
   * {@code WebSocketFrame.textFrame(String, boolean)} would encode the text again for every socket.
   */
  public static WebSocketFrame text(byte[] utf8) {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true);
  }

  /**
   * Vert.x keeps the HTTP pipeline's {@code ChunkedWriteHandler} (for sending files) on upgraded connections, where
   * nothing is ever sent in chunks: it queued and re-wrote every frame, 13 % of a fan-out event loop's time with
   * 1,000 sockets on a board. Anything it still holds is flushed before it goes.
   */
  public static void withoutChunkedWriter(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      ChunkedWriteHandler chunked = pipeline.get(ChunkedWriteHandler.class);
      if (chunked != null) {
        chunked.resumeTransfer();
        pipeline.remove(chunked);
      }
    }
  }
}
