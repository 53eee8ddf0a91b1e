package fi.paja.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private final ClientAddress behindProxies = ClientAddress.trusting(List.of("10.0.0.0/8", "192.0.2.1", "fd00::/8"));

  @Test
  void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
    assertEquals("198.51.100.4", ClientAddress.direct().of("198.51.100.4", List.of("203.0.113.7")));
  }

  @Test
  void anUntrustedPeersForwardedForHeaderIsIgnored() {
    assertEquals("198.51.100.4", behindProxies.of("198.51.100.4", List.of("203.0.113.7")));
  }

  @Test
  void behindATrustedProxyTheClientIsTheAddressItForwarded() {
    assertEquals("203.0.113.7", behindProxies.of("10.1.2.3", List.of("203.0.113.7")));
  }

  @Test
  void addressesAClientWroteItselfLeftOfTheProxysEntryAreIgnored() {
    assertEquals("203.0.113.7", behindProxies.of("10.1.2.3", List.of("1.2.3.4, 5.6.7.8, 203.0.113.7")));
  }

  @Test
  void aChainOfTrustedProxiesIsWalkedFromTheRight() {
    assertEquals("203.0.113.7", behindProxies.of("10.1.2.3", List.of("203.0.113.7, 192.0.2.1", "10.9.9.9")));
  }

  @Test
  void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
    assertEquals("10.0.0.5", behindProxies.of("10.1.2.3", List.of("10.0.0.5, 10.0.0.6")));
  }

  @Test
  void aTrustedProxyWithoutTheHeaderIsItselfTheClient() {
    assertEquals("10.1.2.3", behindProxies.of("10.1.2.3", List.of()));
  }

  @Test
  void anUnreadableHopStopsTheWalkAtTheLastReadableOne() {
    assertEquals("192.0.2.1", behindProxies.of("10.1.2.3", List.of("203.0.113.7, evil.example, 192.0.2.1")));
    assertEquals("10.1.2.3", behindProxies.of("10.1.2.3", List.of("<script>")));
  }

  @Test
  void portsAndBracketsAreStripped() {
    assertEquals("203.0.113.7", behindProxies.of("10.1.2.3", List.of("203.0.113.7:51234")));
    assertEquals("2001:db8::7", behindProxies.of("10.1.2.3", List.of("[2001:db8::7]:51234")));
  }

  @Test
  void ipv6AddressesHaveOneSpelling() {
    assertEquals("2001:db8::7", behindProxies.of("fd00::1", List.of("2001:0db8:0:0:0:0:0:0007")));
  }

  @Test
  void proxiesMustBeAddressesOrRanges() {
    assertEquals("'proxy.example' is not an IP address or CIDR range",
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting(List.of("proxy.example")))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting(List.of("10.0.0.0/33")));
    assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting(List.of("10.0.0.0/x")));
  }
}
