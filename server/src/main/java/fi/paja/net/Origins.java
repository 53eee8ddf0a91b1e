package fi.paja.net;

import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser pages may use the event-bus bridge ({@code /eventbus/...}, every SockJS transport and the raw
 * WebSocket). A request or WebSocket upgrade that carries an {@code Origin} is let through only if that origin is
 * this server's own (the scheme the request came in by and its {@code Host}), {@code PAJA_PUBLIC_URL}'s, or one named
 * in {@code PAJA_ALLOWED_ORIGINS}; anything else is answered {@code 403} before SockJS sees it, so SockJS's CORS
 * headers (which echo any origin and allow credentials) never reach a foreign page, and a foreign page's WebSocket is
 * never upgraded. Requests without an {@code Origin} (programs, same-origin GETs) pass: the check is about browsers.
 * The check itself is {@code fi.paja.web.OriginGuard}; this class is the allow-list and the syntax of origins, which
 * {@code fi.paja.config} uses to check {@code PAJA_ALLOWED_ORIGINS} and {@code PAJA_PUBLIC_URL}.
 *
 * <p>The {@code Host} is believed here and only here, for this yes/no: in a browser neither {@code Host} nor
 * {@code Origin} can be set by a page, so a page on another site always presents its own origin with Paja's host and
 * never a matching pair; a program can send any pair, but it could as well send no {@code Origin}. Nothing is built
 * from the {@code Host} (join links come from {@code PAJA_PUBLIC_URL}, see {@code fi.paja.web.HttpVerticle}).
 * {@code X-Forwarded-*} headers are not read: behind a reverse proxy that terminates TLS or rewrites {@code Host},
 * the browser's origin is {@code PAJA_PUBLIC_URL}'s, which is why that one is always allowed.
 */
public final class Origins {

  /** An origin as browsers send it: scheme, host (lower case, IPv6 without brackets) and port (never -1). */
  public record Origin(String scheme, String host, int port) {
    @Override
    public String toString() {
      String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      return scheme + "://" + h + (port == defaultPort(scheme) ? "" : ":" + port);
    }
  }

  private final Set<Origin> allowed;

  private Origins(Set<Origin> allowed) {
    this.allowed = allowed;
  }

  /**
   * Allows the server's own origin per request, {@code publicUrl}'s origin, and {@code allowedOrigins}.
   *
   * @throws IllegalArgumentException naming an entry that is not an origin
   */
  public static Origins allowing(Optional<String> publicUrl, List<String> allowedOrigins) {
    Set<Origin> allowed = new LinkedHashSet<>();
    publicUrl.ifPresent(url -> allowed.add(ofUrl(url)));
    for (String origin : allowedOrigins) {
      allowed.add(parseConfigured(origin));
    }
    return new Origins(Set.copyOf(allowed));
  }

  /**
   * A configured origin ({@code PAJA_ALLOWED_ORIGINS}), written as browsers send it: {@code https://host} or
   * {@code https://host:port}, a trailing {@code /} tolerated, nothing else.
   *
   * @return its canonical form (default port left out)
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static String normalize(String configured) {
    return parseConfigured(configured).toString();
  }

  private static Origin parseConfigured(String configured) {
    String v = configured.trim();
    if (v.equals("*") || v.equals("null")) {
      throw new IllegalArgumentException("'" + v + "' is not allowed: name each origin (https://host[:port])");
    }
    Origin origin = parse(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    if (origin == null) {
      throw new IllegalArgumentException("'" + v + "' is not an origin (http:// or https://, a host, an optional "
          + "port, no path)");
    }
    return origin;
  }

  /**
   * The origin of a URL such as {@code PAJA_PUBLIC_URL} (its path, if any, left aside).
   *
   * @throws IllegalArgumentException if it has no http(s) scheme and host
   */
  public static Origin ofUrl(String url) {
    try {
      URI uri = new URI(url);
      Origin origin = origin(uri.getScheme(), uri.getHost(), uri.getPort());
      if (origin == null || uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("'" + url + "' has no http(s) scheme and host");
      }
      return origin;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL");
    }
  }

  /** An {@code Origin} header's value, or null if it is not a serialised http(s) origin ({@code null} included). */
  public static Origin parse(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(header);
      if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
          || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
        return null;
      }
      return origin(uri.getScheme(), uri.getHost(), uri.getPort());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static Origin origin(String scheme, String host, int port) {
    if (scheme == null || host == null || host.isEmpty()) {
      return null;
    }
    String s = scheme.toLowerCase(Locale.ROOT);
    if (!s.equals("http") && !s.equals("https")) {
      return null;
    }
    return new Origin(s, host(host), port == -1 ? defaultPort(s) : port);
  }

  private static String host(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  /**
   * The origin a browser sends for a page of this server reached the way this request was: the request's scheme
   * and {@code Host}; null without a {@code Host}.
   */
  static Origin own(boolean tls, HostAndPort authority) {
    if (authority == null || authority.host() == null || authority.host().isEmpty()) {
      return null;
    }
    String scheme = tls ? "https" : "http";
    return new Origin(scheme, host(authority.host()), authority.port() < 0 ? defaultPort(scheme) : authority.port());
  }

  /** Whether a request with this {@code Origin} value, that came in by TLS or not with this authority, may pass. */
  public boolean allows(String header, boolean tls, HostAndPort authority) {
    Origin origin = parse(header);
    return origin != null && (allowed.contains(origin) || origin.equals(own(tls, authority)));
  }
}
