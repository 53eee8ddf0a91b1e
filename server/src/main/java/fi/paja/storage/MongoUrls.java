package fi.paja.storage;

/** Connection-string helpers. */
public final class MongoUrls {

  private MongoUrls() {
  }

  /**
   * Adds {@code w=majority&journal=true} unless the URL sets its own write concern: an acknowledged change must
   * survive a crash of the database node too.
   */
  public static String withDurableDefaults(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("?w=") || lower.contains("&w=")) {
      return url; // the operator chose a write concern
    }
    StringBuilder params = new StringBuilder("w=majority");
    if (!lower.contains("?journal=") && !lower.contains("&journal=")) {
      params.append(params.length() > 0 ? "&" : "").append("journal=true");
    }
    if (params.length() == 0) {
      return url;
    }
    int q = url.indexOf('?');
    if (q >= 0) {
      return url + (url.endsWith("?") || url.endsWith("&") ? "" : "&") + params;
    }
    // mongodb://host[:port][/db] — options need the slash before '?'.
    int hostStart = url.indexOf("://") + 3;
    return url.indexOf('/', hostStart) >= 0 ? url + "?" + params : url + "/?" + params;
  }

  /** The URL without its password, for logs. */
  public static String redacted(String url) {
    return url.replaceAll("://([^:/@]+):[^@/]*@", "://$1:***@");
  }
}
