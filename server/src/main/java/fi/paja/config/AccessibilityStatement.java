package fi.paja.config;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What an operator fills into the accessibility statement ({@code accessibility.html}): the organisation that
 * provides the service, where feedback goes, the date of the assessment, or instead a link to a statement of their
 * own. Finnish law (laki digitaalisten palvelujen tarjoamisesta 306/2019) requires public services to publish one.
 *
 * @param organisation who provides the service ("Pirkanmaan hyvinvointialue")
 * @param contact      where accessibility feedback goes: an e-mail address or an https/http address
 * @param date         when the service was last assessed
 * @param statementUrl an external statement to link to instead of the shipped page
 */
public record AccessibilityStatement(Optional<String> organisation, Optional<String> contact,
                                     Optional<LocalDate> date, Optional<String> statementUrl) {

  public static final AccessibilityStatement NONE = new AccessibilityStatement(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  /** Whether the contact is an e-mail address (else it is a web address). */
  public boolean contactIsEmail() {
    return contact.map(c -> !c.contains("://")).orElse(false);
  }

  static String organisation(String v) {
    if (v.length() > 200 || v.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("one line of at most 200 characters");
    }
    return v;
  }

  static String contact(String v) {
    if (v.matches("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,}")) {
      return v;
    }
    if (v.matches("https?://[^\\s<>\"]{1,2000}")) {
      return v;
    }
    throw new IllegalArgumentException("an e-mail address (saavutettavuus@example.fi) or a web address "
        + "starting with https:// or http://");
  }

  static LocalDate date(String v) {
    try {
      return LocalDate.parse(v);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("a date as YYYY-MM-DD, e.g. 2026-11-30");
    }
  }

  static String url(String v) {
    if (!v.matches("https?://[^\\s<>\"]{1,2000}")) {
      throw new IllegalArgumentException("a web address starting with https:// or http://");
    }
    return v;
  }
}
