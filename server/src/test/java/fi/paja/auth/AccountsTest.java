package fi.paja.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The account rules that need no server. */
class AccountsTest {

  private static JsonObject account(String id, String role, boolean disabled) {
    JsonObject a = new JsonObject().put("_id", id).put("username", id).put("role", role);
    return disabled ? a.put("disabledAt", "2025-01-01T00:00:00Z") : a;
  }

  @Test
  void usernamesAreFoldedAndChecked() {
    assertEquals("liisa.laine", Accounts.checkedUsername("  Liisa.Laine "));
    assertEquals("a1", Accounts.checkedUsername("a1"));
    for (String bad : new String[] {"", "a", "a b", "-liisa", "liisa$", "ä", "x".repeat(41), null}) {
      PajaException e = assertThrows(PajaException.class, () -> Accounts.checkedUsername(bad), String.valueOf(bad));
      assertEquals(ErrorCode.INVALID_USERNAME, e.code());
    }
  }

  @Test
  void passwordsFollowTheAdminPasswordRule() {
    assertEquals("12345678", Accounts.checkedPassword("12345678"));
    assertEquals(ErrorCode.INVALID_PASSWORD, assertThrows(PajaException.class,
        () -> Accounts.checkedPassword("1234567")).code());
    assertEquals(ErrorCode.INVALID_PASSWORD, assertThrows(PajaException.class,
        () -> Accounts.checkedPassword("ä".repeat(37))).code(), "74 bytes");
    assertEquals("ä".repeat(36), Accounts.checkedPassword("ä".repeat(36)));
  }

  @Test
  void theLastEnabledAdminStays() {
    JsonObject admin = account("a", Accounts.ADMIN, false);
    JsonObject other = account("b", Accounts.ADMIN, false);
    JsonObject disabledAdmin = account("c", Accounts.ADMIN, true);
    JsonObject facilitator = account("d", Accounts.FACILITATOR, false);
    assertTrue(Accounts.wouldLeaveNoAdmin(admin, List.of(admin, facilitator, disabledAdmin)));
    assertFalse(Accounts.wouldLeaveNoAdmin(admin, List.of(admin, other)));
    assertFalse(Accounts.wouldLeaveNoAdmin(facilitator, List.of(admin, facilitator)));
    assertFalse(Accounts.wouldLeaveNoAdmin(disabledAdmin, List.of(admin, disabledAdmin)));
  }

  @Test
  void theApiNeverShowsTheHash() {
    JsonObject view = Accounts.view(account("a", Accounts.FACILITATOR, true).put("passwordHash", "$2a$secret"));
    assertFalse(view.encode().contains("secret"));
    assertTrue(view.getBoolean("disabled"));
    assertEquals("a", view.getString("displayName"), "defaults to the username");
  }
}
