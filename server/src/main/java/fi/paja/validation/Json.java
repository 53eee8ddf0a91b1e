package fi.paja.validation;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/** Strict reading of JSON objects that come from clients. */
public final class Json {

  /** Deeper than this is not a Paja message, and deep recursion is a cheap way to hurt a server. */
  public static final int MAX_DEPTH = 8;

  private Json() {
  }

  /** Parses a body that must be a JSON object. */
  public static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new PajaException(ErrorCode.BAD_JSON, "The body is empty.");
    }
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new PajaException(ErrorCode.BAD_JSON, "The body is not valid JSON.");
    }
    return object(value);
  }

  /** A value received over the event bus, which may be an object, a string holding one, or anything else. */
  public static JsonObject object(Object value) {
    if (value instanceof String s) {
      try {
        value = io.vertx.core.json.Json.decodeValue(s);
      } catch (DecodeException e) {
        throw new PajaException(ErrorCode.BAD_JSON, "The body is not valid JSON.");
      }
    }
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      JsonObject json = new JsonObject((Map<String, Object>) map);
      value = json;
    }
    if (!(value instanceof JsonObject json)) {
      throw new PajaException(ErrorCode.BAD_JSON, "The body must be a JSON object.");
    }
    rejectOperatorKeys(json, 0);
    return json;
  }

  private static void rejectOperatorKeys(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Nested too deeply.");
    }
    if (value instanceof JsonObject obj) {
      for (Map.Entry<String, Object> e : obj) {
        if (e.getKey().startsWith("$")) {
          throw new PajaException(ErrorCode.FORBIDDEN_KEY, "Key '" + e.getKey() + "' is not allowed.");
        }
        rejectOperatorKeys(e.getValue(), depth + 1);
      }
    } else if (value instanceof JsonArray arr) {
      for (Object item : arr) {
        rejectOperatorKeys(item, depth + 1);
      }
    } else if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      JsonObject obj = new JsonObject((Map<String, Object>) map);
      rejectOperatorKeys(obj, depth);
    }
  }

  public static void onlyFields(JsonObject json, Set<String> allowed) {
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        throw new PajaException(ErrorCode.UNKNOWN_FIELD, "Unknown field '" + name + "'.");
      }
    }
  }

  public static String requiredString(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw new PajaException(ErrorCode.MISSING_FIELD, "Field '" + field + "' is required.");
    }
    if (!(v instanceof String s)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be a string.");
    }
    return s;
  }

  public static java.util.Optional<String> optionalString(JsonObject json, String field) {
    if (!json.containsKey(field) || json.getValue(field) == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(requiredString(json, field));
  }

  public static double requiredNumber(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw new PajaException(ErrorCode.MISSING_FIELD, "Field '" + field + "' is required.");
    }
    if (!(v instanceof Number n)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be a number.");
    }
    return n.doubleValue();
  }

  public static boolean requiredBoolean(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw new PajaException(ErrorCode.MISSING_FIELD, "Field '" + field + "' is required.");
    }
    if (!(v instanceof Boolean b)) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "Field '" + field + "' must be true or false.");
    }
    return b;
  }
}
