package fi.paja.board;

import io.vertx.core.json.JsonObject;

/** How the facilitator has set the board up: lock, anonymity and private brainstorm. */
public record Settings(boolean locked, boolean anonymous, boolean anonymousToFacilitators, boolean privateMode,
                       boolean facilitatorsSeePrivate) {

  public static final Settings DEFAULT = new Settings(false, false, false, false, true);

  public JsonObject toJson() {
    return new JsonObject().put("locked", locked).put("anonymous", anonymous)
        .put("anonymousToFacilitators", anonymousToFacilitators).put("privateMode", privateMode)
        .put("facilitatorsSeePrivate", facilitatorsSeePrivate);
  }

  public static Settings fromJson(JsonObject json) {
    if (json == null) {
      return DEFAULT;
    }
    return new Settings(json.getBoolean("locked", false), json.getBoolean("anonymous", false),
        json.getBoolean("anonymousToFacilitators", false), json.getBoolean("privateMode", false),
        json.getBoolean("facilitatorsSeePrivate", true));
  }

  /** This settings with the fields present in {@code patch} replaced. */
  public Settings with(JsonObject patch) {
    return new Settings(patch.getBoolean("locked", locked), patch.getBoolean("anonymous", anonymous),
        patch.getBoolean("anonymousToFacilitators", anonymousToFacilitators),
        patch.getBoolean("privateMode", privateMode),
        patch.getBoolean("facilitatorsSeePrivate", facilitatorsSeePrivate));
  }
}
