package fi.paja.board;

import fi.paja.journey.Journey;
import fi.paja.outcome.OutcomeItem;
import io.vertx.core.json.JsonObject;

/** Events about journey maps and outcomes (decisions, action items). See {@link Event}. */
public interface JourneyAndOutcomeChanges {

  record JourneyChanged(Journey journey) implements Event.Change {
    public static final ChangeType<JourneyChanged> TYPE = new ChangeType<>("journey.changed", JourneyChanged.class,
        json -> new JourneyChanged(Journey.fromJson(json.getJsonObject("journey"))));

    public ChangeType<JourneyChanged> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("journey", journey.toJson());
    }
  }

  record JourneyRemoved(String id) implements Event.Change {
    public static final ChangeType<JourneyRemoved> TYPE = new ChangeType<>("journey.removed", JourneyRemoved.class,
        json -> new JourneyRemoved(json.getString("id")));

    public ChangeType<JourneyRemoved> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("id", id);
    }
  }

  record OutcomeChanged(OutcomeItem outcome) implements Event.Change {
    public static final ChangeType<OutcomeChanged> TYPE = new ChangeType<>("outcome.changed", OutcomeChanged.class,
        json -> new OutcomeChanged(OutcomeItem.fromJson(json.getJsonObject("outcome"))));

    public ChangeType<OutcomeChanged> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("outcome", outcome.toJson());
    }
  }

  record OutcomeRemoved(String id) implements Event.Change {
    public static final ChangeType<OutcomeRemoved> TYPE = new ChangeType<>("outcome.removed", OutcomeRemoved.class,
        json -> new OutcomeRemoved(json.getString("id")));

    public ChangeType<OutcomeRemoved> changeType() {
      return TYPE;
    }

    public Visibility.Subject subject() {
      return Visibility.Subject.SHARED;
    }

    public void writeTo(JsonObject json) {
      json.put("id", id);
    }
  }
}
