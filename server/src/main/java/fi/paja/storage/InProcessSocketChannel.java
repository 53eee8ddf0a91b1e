package fi.paja.storage;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;

/**
 * The MongoDB driver's end of a connection to the embedded server, which never leaves the JVM.
 *
 * <p>The driver's Netty transport makes its channels from a class (public no-argument constructor) and casts each
 * to {@link SocketChannel} in its pipeline initialiser. Netty's {@link LocalChannel} is no SocketChannel (and
 * cannot be made one: its addresses are {@link LocalAddress}es, a SocketChannel's are InetSocketAddresses), so
 * this channel is the SocketChannel the driver sees and carries its bytes over a LocalChannel, on the same event
 * loop, to the embedded server's LocalServerChannel. The address the driver asks for (from the connection string)
 * is not used to connect: the only place this channel connects to is the {@link LocalAddress} of the event-loop
 * group the driver was given ({@link EmbeddedMongo.ClientLoops}), so there is no OS-visible endpoint at all.
 */
public final class InProcessSocketChannel extends AbstractChannel implements SocketChannel {

  private static final ChannelMetadata METADATA = new ChannelMetadata(false);
  private static final InetSocketAddress NO_ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final InProcessSocketConfig config = new InProcessSocketConfig(this);
  private volatile boolean open = true;
  private volatile boolean active;
  private volatile InetSocketAddress remote;
  /** The LocalChannel to the server; touched on this channel's event loop only. */
  private Channel peer;

  /** Called by the driver (by reflection, through Bootstrap). */
  public InProcessSocketChannel() {
    super(null);
  }

  @Override
  protected AbstractUnsafe newUnsafe() {
    return new Unsafe();
  }

  @Override
  protected boolean isCompatible(EventLoop loop) {
    // The group says where the server is, and LocalChannel needs a DefaultEventLoop to run on.
    return loop.parent() instanceof EmbeddedMongo.ClientLoops;
  }

  @Override
  public ChannelMetadata metadata() {
    return METADATA;
  }

  @Override
  public SocketChannelConfig config() {
    return config;
  }

  @Override
  public ServerSocketChannel parent() {
    return null;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) super.localAddress();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return (InetSocketAddress) super.remoteAddress();
  }

  @Override
  protected SocketAddress localAddress0() {
    return NO_ADDRESS;
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return remote; // what the driver asked for, so that its messages name the server as it knows it
  }

  @Override
  protected void doBind(SocketAddress localAddress) {
    throw new UnsupportedOperationException("an in-process connection has no local address to bind");
  }

  @Override
  protected void doDisconnect() {
    doClose();
  }

  @Override
  protected void doClose() {
    open = false;
    active = false;
    if (peer != null) {
      peer.close();
    }
  }

  @Override
  protected void doBeginRead() {
    // Nothing to ask for: the peer forwards every message as it arrives, and the driver always reads.
  }

  @Override
  protected void doWrite(ChannelOutboundBuffer in) {
    for (Object msg = in.current(); msg != null; msg = in.current()) {
      peer.write(ReferenceCountUtil.retain(msg), peer.voidPromise()); // remove() releases our reference
      in.remove();
    }
    peer.flush();
  }

  // Half-closure is not part of the driver's protocol; closing is.

  @Override
  public boolean isInputShutdown() {
    return !active;
  }

  @Override
  public ChannelFuture shutdownInput() {
    return close();
  }

  @Override
  public ChannelFuture shutdownInput(ChannelPromise promise) {
    return close(promise);
  }

  @Override
  public boolean isOutputShutdown() {
    return !active;
  }

  @Override
  public ChannelFuture shutdownOutput() {
    return close();
  }

  @Override
  public ChannelFuture shutdownOutput(ChannelPromise promise) {
    return close(promise);
  }

  @Override
  public boolean isShutdown() {
    return !active;
  }

  @Override
  public ChannelFuture shutdown() {
    return close();
  }

  @Override
  public ChannelFuture shutdown(ChannelPromise promise) {
    return close(promise);
  }

  private final class Unsafe extends AbstractUnsafe {

    @Override
    public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
      if (!promise.setUncancellable() || !ensureOpen(promise)) {
        return;
      }
      if (peer != null) {
        promise.setFailure(new AlreadyConnectedException());
        return;
      }
      remote = (InetSocketAddress) remoteAddress;
      LocalAddress server = ((EmbeddedMongo.ClientLoops) eventLoop().parent()).server();
      ChannelFuture connected = new Bootstrap()
          .group(eventLoop())
          .channel(LocalChannel.class)
          .handler(new Forwarder())
          .connect(server);
      peer = connected.channel();
      connected.addListener(f -> {
        if (!f.isSuccess()) {
          promise.tryFailure(annotateConnectException(f.cause(), remoteAddress));
          close(voidPromise());
        } else if (!open) {
          peer.close();
          promise.tryFailure(new ClosedChannelException());
        } else {
          active = true;
          boolean promiseSet = promise.trySuccess();
          pipeline().fireChannelActive();
          if (!promiseSet) {
            close(voidPromise()); // the driver gave up (timed out) meanwhile
          }
        }
      });
    }
  }

  /** On the LocalChannel's pipeline: what the server sends, and its closing, go to the driver's pipeline. */
  private final class Forwarder extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      pipeline().fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      pipeline().fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      unsafe().close(unsafe().voidPromise());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      pipeline().fireExceptionCaught(cause);
    }
  }
}
