package fi.paja.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Limits;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharingTest {

  @Test
  void aCoFacilitatorIsNamedByDisplayNameThenUsernameThenNumbered() {
    List<String> names = Sharing.candidateNames(new JsonObject().put("username", "mari").put("displayName", "Mari M"));
    assertEquals(List.of("Mari M", "mari", "Mari M 2", "Mari M 3", "Mari M 4", "Mari M 5"), names);
    assertEquals(List.of("olli", "olli 2", "olli 3", "olli 4", "olli 5"),
        Sharing.candidateNames(new JsonObject().put("username", "olli")));
    String longName = "x".repeat(Limits.MAX_NAME_LENGTH);
    Sharing.candidateNames(new JsonObject().put("username", "x").put("displayName", longName))
        .forEach(n -> assertTrue(n.length() <= Limits.MAX_NAME_LENGTH, n));
  }
}
