package fi.paja.net;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The address the per-address limits count a request against. Behind a reverse proxy every request comes from the
 * proxy, so a crowd joining a workshop would share one bucket and one guesser could lock everyone out. Proxies
 * named in {@code PAJA_TRUSTED_PROXIES} (addresses or CIDR ranges) are believed about {@code X-Forwarded-For}: the
 * client is the rightmost address in it that is not a trusted proxy. Anyone else's header is ignored, since a client
 * can write whatever it likes there.
 */
public final class ClientAddress {

  private final List<IpSubnetFilterRule> trusted;

  private ClientAddress(List<IpSubnetFilterRule> trusted) {
    this.trusted = trusted;
  }

  /** No trusted proxies: the peer's address is the client's. */
  public static ClientAddress direct() {
    return new ClientAddress(List.of());
  }

  /**
   * Trusted proxies, each an IP address or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}).
   *
   * @throws IllegalArgumentException naming the entry that is neither
   */
  public static ClientAddress trusting(List<String> proxies) {
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (String entry : proxies) {
      String spec = entry.trim();
      int slash = spec.indexOf('/');
      String ip = slash < 0 ? spec : spec.substring(0, slash);
      InetAddress address = NetUtil.createInetAddressFromIpAddressString(ip);
      if (address == null) {
        throw new IllegalArgumentException("'" + spec + "' is not an IP address or CIDR range");
      }
      int maxBits = address.getAddress().length * 8;
      int bits = maxBits;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(spec.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > maxBits) {
          throw new IllegalArgumentException("'" + spec + "' has no valid prefix length (0-" + maxBits + ")");
        }
      }
      rules.add(new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT));
    }
    return new ClientAddress(List.copyOf(rules));
  }

  /**
   * The client's address for a request from {@code peer} that carried these {@code X-Forwarded-For} header values
   * (in the order they arrived).
   */
  public String of(String peer, List<String> forwardedFor) {
    InetAddress current = peer == null ? null : NetUtil.createInetAddressFromIpAddressString(peer);
    if (current == null) {
      return peer == null ? "unknown" : peer;
    }
    if (!trusts(current)) {
      return text(current);
    }
    List<String> hops = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String hop : value.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.trim());
        }
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = NetUtil.createInetAddressFromIpAddressString(withoutPort(hops.get(i)));
      if (hop == null) {
        // Unreadable: whoever wrote it is not to be believed; the last hop that is stands for the client.
        return text(current);
      }
      current = hop;
      if (!trusts(hop)) {
        break;
      }
    }
    return text(current);
  }

  boolean trusts(InetAddress address) {
    InetSocketAddress socket = new InetSocketAddress(address, 0);
    for (IpSubnetFilterRule rule : trusted) {
      if (rule.matches(socket)) {
        return true;
      }
    }
    return false;
  }

  /** Some proxies add the port ({@code 203.0.113.7:51234}, {@code [2001:db8::7]:51234}). */
  private static String withoutPort(String hop) {
    if (hop.startsWith("[")) {
      int end = hop.indexOf(']');
      return end < 0 ? hop : hop.substring(1, end);
    }
    int colon = hop.indexOf(':');
    return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
  }

  /** One spelling per address, so that {@code 2001:db8::7} and {@code 2001:0db8:0:0::7} share a bucket. */
  private static String text(InetAddress address) {
    return NetUtil.toAddressString(address);
  }
}
