package fi.paja.board;

import io.vertx.core.json.JsonObject;

/**
 * The shared countdown. The server owns the end time ({@code endsAt}, epoch ms); clients show
 * {@code endsAt - (their clock + offset to the server clock)}.
 */
public record Timer(String state, Long endsAt, long remainingMs, long durationMs) {

  public static final Timer STOPPED = new Timer("stopped", null, 0, 0);

  public static Timer running(long nowMs, long durationMs) {
    return new Timer("running", nowMs + durationMs, durationMs, durationMs);
  }

  public long remainingAt(long nowMs) {
    return switch (state) {
      case "running" -> Math.max(0, endsAt - nowMs);
      case "paused" -> remainingMs;
      default -> 0;
    };
  }

  public JsonObject toJson() {
    return new JsonObject().put("state", state).put("endsAt", endsAt).put("remainingMs", remainingMs)
        .put("durationMs", durationMs);
  }

  public static Timer fromJson(JsonObject json) {
    if (json == null) {
      return STOPPED;
    }
    return new Timer(json.getString("state"), json.getLong("endsAt"), json.getLong("remainingMs", 0L),
        json.getLong("durationMs", 0L));
  }
}
