package fi.paja.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The few fields of a board event frame the bench measures, read with Jackson's streaming parser without building
 * a map per frame. A browser parses each frame on its own device; here a thousand simulated clients share the
 * server's two cores, so the generator's own parsing is kept from crowding out the server it measures.
 */
record EventFrame(String address, long seq, String type, String id, Object x, String text) {

  private static final JsonFactory JSON = new JsonFactory();

  /** The frame if it is a {@code rec} frame carrying an event, or null (then parse it in full). */
  static EventFrame parse(Buffer buffer) {
    try (JsonParser p = JSON.createParser(buffer.getBytes())) {
      return parse(p);
    } catch (IOException e) {
      return null;
    }
  }

  /** The same from characters (a message unescaped from a SockJS frame), without copying them. */
  static EventFrame parse(char[] chars, int offset, int length) {
    try (JsonParser p = JSON.createParser(chars, offset, length)) {
      return parse(p);
    } catch (IOException e) {
      return null;
    }
  }

  private static EventFrame parse(JsonParser p) throws IOException {
    {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String frameType = null;
      String address = null;
      long seq = -1;
      String type = null;
      String id = null;
      Object x = null;
      String text = null;
      boolean body = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "type" -> frameType = p.getValueAsString();
          case "address" -> address = p.getValueAsString();
          case "body" -> {
            if (value != JsonToken.START_OBJECT) {
              return null;
            }
            body = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              JsonToken v = p.nextToken();
              switch (name) {
                case "seq" -> seq = p.getValueAsLong(-1);
                case "type" -> type = p.getValueAsString();
                case "id" -> id = p.getValueAsString();
                case "x" -> x = v.isNumeric() ? p.getNumberValue() : null;
                case "note" -> {
                  if (v == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                      String n = p.currentName();
                      p.nextToken();
                      if ("text".equals(n)) {
                        text = p.getValueAsString();
                      } else {
                        p.skipChildren();
                      }
                    }
                  }
                }
                default -> p.skipChildren();
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!"rec".equals(frameType) || !body || seq < 0 || type == null) {
        return null;
      }
      return new EventFrame(address, seq, type, id, x, text);
    }
  }
}
