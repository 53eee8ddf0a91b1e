package fi.paja.validation;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pseudonyms, the names people join with. A name is stored in NFC and must be plain visible text: control
 * characters, characters that change the direction of text (bidi overrides, isolates, marks) and invisible ones
 * (zero-width spaces and joiners, fillers) are refused, so that "‮nimda" cannot show as "admin".
 *
 * <p>Two names are the same for a reader when they share a <em>key</em>: Unicode's confusable skeleton (UTS #39,
 * computed by ICU's {@link SpoofChecker}, not by a table of our own) of the name after compatibility normalisation,
 * with and without case folding, keeping only letters, marks and digits. So "Aino", "AINO", "Аino" (Cyrillic А),
 * "Ａino" (full width) and "A.i.n.o" are one name. A board refuses a name that shares a key with any of its members'
 * names (the facilitator's included, and people removed, whose notes keep their names), also once a role label is
 * taken out of it ("Aino (participant)"); and a name that is a role label in Finnish, Swedish or English, or contains
 * one that carries authority ("Fasilitaattori", "admin (facilitator)").
 */
public final class Pseudonyms {

  /** Every role as the web client names it (role.* in web-client/src/i18n/{fi,sv,en}.json), and the role codes. */
  static final List<String> ROLE_LABELS = List.of(
      "facilitator", "co-facilitator", "cofacilitator", "participant", "observer",
      "fasilitaattori", "apufasilitaattori", "osallistuja", "seuraaja",
      "medfacilitator", "deltagare", "observatör");
  /** Labels that carry authority: a name may not even contain one. */
  static final List<String> AUTHORITY_LABELS = List.of("facilitator", "fasilitaattori");

  private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final Normalizer2 NFKC_FOLDED = Normalizer2.getNFKCCasefoldInstance();
  private static final List<String> ROLE_KEYS = ROLE_LABELS.stream().flatMap(l -> keys(l).stream()).distinct()
      .toList();
  private static final List<String> AUTHORITY_KEYS = AUTHORITY_LABELS.stream().flatMap(l -> keys(l).stream())
      .distinct().toList();

  private Pseudonyms() {
  }

  /** The name as stored: NFC, trimmed, 1–40 characters of visible plain text; else {@code invalid_name}. */
  public static String normalise(String raw) {
    String name = PlainText.singleLine(NFC.normalize(raw), Limits.MAX_NAME_LENGTH, ErrorCode.INVALID_NAME);
    name.codePoints().filter(Pseudonyms::invisibleOrDirectional).findFirst().ifPresent(cp -> {
      throw new PajaException(ErrorCode.INVALID_NAME, String.format(
          "Names cannot hold invisible characters or characters that change the direction of text (U+%04X).", cp));
    });
    return name;
  }

  /**
   * Format characters (bidi controls and isolates, zero-width space, joiners, soft hyphen, tags), other default
   * ignorable code points (fillers) and bidi controls; variation selectors stay (emoji are written with them).
   */
  static boolean invisibleOrDirectional(int cp) {
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
      return false;
    }
    return Character.getType(cp) == Character.FORMAT
        || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        || UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL);
  }

  /** The keys under which a name is compared with others (see the class comment); never empty strings. */
  static Set<String> keys(String name) {
    Set<String> keys = new LinkedHashSet<>();
    String compatible = NFKC.normalize(name);
    String folded = NFKC_FOLDED.normalize(name);
    add(keys, visible(SPOOF.getSkeleton(compatible)));
    add(keys, visible(SPOOF.getSkeleton(folded)));
    // A name with no letters or digits (only emoji, say) is compared as written.
    add(keys, folded.replaceAll("\\s+", ""));
    return keys;
  }

  private static void add(Set<String> keys, String key) {
    if (!key.isEmpty()) {
      keys.add(key);
    }
  }

  /** Letters, marks and digits only: spaces and punctuation do not tell names apart. */
  private static String visible(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().filter(cp -> Character.isLetterOrDigit(cp) || UCharacter.getType(cp) == UCharacter.NON_SPACING_MARK
        || UCharacter.getType(cp) == UCharacter.COMBINING_SPACING_MARK
        || UCharacter.getType(cp) == UCharacter.ENCLOSING_MARK)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /**
   * The names on one board, as keys. Kept by the board's single writer, so two joins handled one after the other
   * cannot both take look-alike names.
   */
  public static final class Taken {

    /** Key → the member whose name it is (the first one, where old boards hold look-alikes). */
    private final Map<String, String> keys = new HashMap<>();

    /** Remembers a member's name (joined, restored or replayed). */
    public void add(String participantId, String name) {
      if (name != null) {
        Pseudonyms.keys(name).forEach(k -> keys.putIfAbsent(k, participantId));
      }
    }

    /** Forgets a member's name (the member was erased): someone else may take it. */
    public void remove(String participantId) {
      keys.values().removeIf(participantId::equals);
    }

    /**
     * Refuses a name that is a role ({@code name_reserved}) or looks like another member's ({@code name_taken}) for
     * the participant {@code participantId} joining.
     */
    public void check(String participantId, String name) {
      Set<String> mine = Pseudonyms.keys(name);
      for (String key : mine) {
        if (ROLE_KEYS.contains(key) || AUTHORITY_KEYS.stream().anyMatch(key::contains)) {
          throw new PajaException(ErrorCode.NAME_RESERVED);
        }
      }
      List<String> candidates = new ArrayList<>(mine);
      for (String key : mine) {
        for (String role : ROLE_KEYS) {
          if (key.contains(role)) {
            candidates.add(key.replace(role, ""));
          }
        }
      }
      for (String candidate : candidates) {
        String owner = keys.get(candidate);
        if (owner != null && !owner.equals(participantId)) {
          throw new PajaException(ErrorCode.NAME_TAKEN);
        }
      }
    }
  }
}
