package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Limits;
import fi.paja.support.ServerTestBase;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md, {@code GET /api/config}: the browser checks with the server's own limits, all of them. */
class ConfigLimitsIT extends ServerTestBase {

  @Test
  void configServesEveryNumberOfLimits() throws Exception {
    JsonObject limits = api.get("/api/config", null).body().getJsonObject("limits");
    Set<String> expected = new HashSet<>();
    for (Field field : Limits.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof Number n) {
        String key = Limits.camelCase(field.getName());
        expected.add(key);
        assertTrue(limits.containsKey(key), key + " is not served");
        assertEquals(n.doubleValue(), limits.getNumber(key).doubleValue(), key);
      }
    }
    expected.add("tombstoneRetentionSeconds");
    assertEquals(expected, limits.fieldNames(), "limits holds exactly Limits' numbers");
  }

  @Test
  void theNamesTheBrowserReadsAreThoseInProtocolMd() throws Exception {
    JsonObject limits = api.get("/api/config", null).body().getJsonObject("limits");
    assertEquals(Limits.MAX_NOTE_TEXT, limits.getInteger("maxNoteText"));
    assertEquals(Limits.MAX_CELL_TEXT, limits.getInteger("maxCellText"));
    assertEquals(Limits.MAX_TITLE_LENGTH, limits.getInteger("maxTitleLength"));
    assertEquals(Limits.MAX_OWNER_LENGTH, limits.getInteger("maxOwnerLength"));
    assertEquals(Limits.MAX_NAME_LENGTH, limits.getInteger("maxNameLength"));
    assertEquals(Limits.MAX_VOTE_BUDGET, limits.getInteger("maxVoteBudget"));
    assertEquals(Limits.TOMBSTONE_RETENTION.toSeconds(), limits.getLong("tombstoneRetentionSeconds"));
  }
}
