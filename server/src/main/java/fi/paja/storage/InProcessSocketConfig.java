package fi.paja.storage;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannelConfig;
import java.util.Set;

/**
 * The configuration of an {@link InProcessSocketChannel}: Netty's own options work as usual; the socket options
 * the driver sets on every connection (TCP_NODELAY, SO_KEEPALIVE, buffer sizes) are accepted and mean nothing,
 * because there is no socket. Accepting them keeps Netty from warning "Unknown channel option" per connection.
 */
final class InProcessSocketConfig extends DefaultChannelConfig implements SocketChannelConfig {

  private static final Set<ChannelOption<?>> SOCKET_OPTIONS = Set.of(ChannelOption.TCP_NODELAY,
      ChannelOption.SO_KEEPALIVE, ChannelOption.SO_RCVBUF, ChannelOption.SO_SNDBUF, ChannelOption.SO_LINGER,
      ChannelOption.SO_REUSEADDR, ChannelOption.IP_TOS, ChannelOption.ALLOW_HALF_CLOSURE);

  InProcessSocketConfig(InProcessSocketChannel channel) {
    super(channel);
  }

  @Override
  public <T> boolean setOption(ChannelOption<T> option, T value) {
    return SOCKET_OPTIONS.contains(option) || super.setOption(option, value);
  }

  @Override
  public boolean isTcpNoDelay() {
    return true;
  }

  @Override
  public SocketChannelConfig setTcpNoDelay(boolean tcpNoDelay) {
    return this;
  }

  @Override
  public int getSoLinger() {
    return -1;
  }

  @Override
  public SocketChannelConfig setSoLinger(int soLinger) {
    return this;
  }

  @Override
  public int getSendBufferSize() {
    return 0;
  }

  @Override
  public SocketChannelConfig setSendBufferSize(int sendBufferSize) {
    return this;
  }

  @Override
  public int getReceiveBufferSize() {
    return 0;
  }

  @Override
  public SocketChannelConfig setReceiveBufferSize(int receiveBufferSize) {
    return this;
  }

  @Override
  public boolean isKeepAlive() {
    return false;
  }

  @Override
  public SocketChannelConfig setKeepAlive(boolean keepAlive) {
    return this;
  }

  @Override
  public int getTrafficClass() {
    return 0;
  }

  @Override
  public SocketChannelConfig setTrafficClass(int trafficClass) {
    return this;
  }

  @Override
  public boolean isReuseAddress() {
    return false;
  }

  @Override
  public SocketChannelConfig setReuseAddress(boolean reuseAddress) {
    return this;
  }

  @Override
  public SocketChannelConfig setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
    return this;
  }

  @Override
  public boolean isAllowHalfClosure() {
    return false;
  }

  @Override
  public SocketChannelConfig setAllowHalfClosure(boolean allowHalfClosure) {
    return this;
  }

  // The rest: Netty's own options, narrowed to this type as SocketChannelConfig asks.

  @Override
  public SocketChannelConfig setConnectTimeoutMillis(int connectTimeoutMillis) {
    super.setConnectTimeoutMillis(connectTimeoutMillis);
    return this;
  }

  @Override
  @Deprecated
  public SocketChannelConfig setMaxMessagesPerRead(int maxMessagesPerRead) {
    super.setMaxMessagesPerRead(maxMessagesPerRead);
    return this;
  }

  @Override
  public SocketChannelConfig setWriteSpinCount(int writeSpinCount) {
    super.setWriteSpinCount(writeSpinCount);
    return this;
  }

  @Override
  public SocketChannelConfig setAllocator(ByteBufAllocator allocator) {
    super.setAllocator(allocator);
    return this;
  }

  @Override
  public SocketChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
    super.setRecvByteBufAllocator(allocator);
    return this;
  }

  @Override
  public SocketChannelConfig setAutoRead(boolean autoRead) {
    super.setAutoRead(autoRead);
    return this;
  }

  @Override
  public SocketChannelConfig setAutoClose(boolean autoClose) {
    super.setAutoClose(autoClose);
    return this;
  }

  @Override
  public SocketChannelConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
    super.setMessageSizeEstimator(estimator);
    return this;
  }

  @Override
  public SocketChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark writeBufferWaterMark) {
    super.setWriteBufferWaterMark(writeBufferWaterMark);
    return this;
  }
}
