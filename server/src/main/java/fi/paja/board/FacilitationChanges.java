package fi.paja.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Events of facilitation: settings, phases, the timer, the shared view. See {@link Event}. */
public interface FacilitationChanges {

  record SettingsChanged(Settings settings) implements Event.Change {
    public static final ChangeType<SettingsChanged> TYPE = new ChangeType<>("settings.changed",
        SettingsChanged.class, json -> new SettingsChanged(Settings.fromJson(json.getJsonObject("settings"))));

    public ChangeType<SettingsChanged> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("settings", settings.toJson());
    }
  }

  record PhasesChanged(List<Phase> phases, String currentPhaseId) implements Event.Change {
    public static final ChangeType<PhasesChanged> TYPE = new ChangeType<>("phases.changed", PhasesChanged.class,
        json -> new PhasesChanged(json.getJsonArray("phases").stream().map(p -> Phase.fromJson((JsonObject) p))
            .toList(), json.getString("currentPhaseId")));

    public ChangeType<PhasesChanged> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      JsonArray array = new JsonArray();
      phases.forEach(p -> array.add(p.toJson()));
      json.put("phases", array).put("currentPhaseId", currentPhaseId);
    }
  }

  record TimerChanged(Timer timer, long serverTime) implements Event.Change {
    public static final ChangeType<TimerChanged> TYPE = new ChangeType<>("timer.changed", TimerChanged.class,
        json -> new TimerChanged(Timer.fromJson(json.getJsonObject("timer")), json.getLong("serverTime", 0L)));

    public ChangeType<TimerChanged> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("timer", timer.toJson()).put("serverTime", serverTime);
    }
  }

  record ViewChanged(JsonObject view) implements Event.Change {
    public static final ChangeType<ViewChanged> TYPE = new ChangeType<>("view.changed", ViewChanged.class,
        json -> new ViewChanged(json.getJsonObject("view")));

    public ChangeType<ViewChanged> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("view", view.copy());
    }
  }
}
