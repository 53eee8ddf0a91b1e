package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.ext.web.handler.sockjs.impl.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SockJS frames the fan-out encodes once and writes to every browser on SockJS's WebSocket transport. */
class SockJsFramesTest {

  @Test
  void oneMessageIsTheFrameSockJsItselfWouldWrite() {
    String message = "{\"type\":\"rec\",\"body\":{\"text\":\"Hyvä \\\"idea\\\"\\n</script> ✓ \uD83D\uDE00\"}}";
    List<byte[]> frames = SockJsWebSocket.frames(List.of(message));
    assertEquals(1, frames.size());
    assertEquals("a" + JsonCodec.encode(new String[] {message}), new String(frames.get(0), StandardCharsets.US_ASCII));
  }

  @Test
  void framesAreAsciiAndGiveBackEveryMessageInOrder() {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      messages.add("{\"seq\":" + i + ",\"text\":\"" + "åäö €".repeat(i % 40) + "\"}");
    }
    List<String> back = new ArrayList<>();
    for (byte[] frame : SockJsWebSocket.frames(messages)) {
      for (byte b : frame) {
        assertTrue(b > 0, "a byte outside ASCII");
      }
      String text = new String(frame, StandardCharsets.US_ASCII);
      assertTrue(text.startsWith("a["));
      back.addAll(JsonCodec.decodeValues(text.substring(1)));
    }
    assertEquals(messages, back);
  }

  @Test
  void aBigBatchIsSplitIntoFramesThatClientsAccept() {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      messages.add("ääkköset ".repeat(50) + i);
    }
    List<byte[]> frames = SockJsWebSocket.frames(messages);
    assertTrue(frames.size() > 1, "one frame for " + messages.size() + " messages");
    for (byte[] frame : frames) {
      assertTrue(frame.length <= SockJsWebSocket.MAX_FRAME_BYTES, "frame of " + frame.length + " bytes");
    }
  }

  @Test
  void whatAClientSendsIsAnArrayOfStringsOrOneString() {
    assertEquals(List.of("{\"type\":\"ping\"}", "b"),
        SockJsWebSocket.decode("[\"{\\\"type\\\":\\\"ping\\\"}\",\"b\"]"));
    assertEquals(List.of("yksi"), SockJsWebSocket.decode("\"yksi\""));
    assertEquals(List.of(), SockJsWebSocket.decode("[]"));
  }

  @Test
  void anythingElseIsBrokenFraming() {
    for (String broken : List.of("not json", "[1,2]", "{\"a\":1}", "[null]", "[\"a\",[\"b\"]]", "[\"a\"",
        "\"open", "[\"a\"] trailing", "[\"a\"][\"b\"]", "[".repeat(5_000) + "]".repeat(5_000), "true", "")) {
      assertEquals(null, SockJsWebSocket.decode(broken), broken.length() > 40 ? "deep nesting" : broken);
    }
  }
}
