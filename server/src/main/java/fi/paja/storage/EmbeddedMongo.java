package fi.paja.storage;

import com.mongodb.MongoClientSettings;
import com.mongodb.connection.TransportSettings;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MongoDB-wire-protocol server used when no MongoDB is configured, backed by one H2 MVStore file
 * under the data directory. Paja talks to it through the ordinary driver, like to a real MongoDB, but over Netty's
 * in-JVM transport: the server is a {@link LocalServerChannel} and the driver's connections are
 * {@link InProcessSocketChannel}s, so there is no port or socket file that another local user could connect to
 * (the embedded server has no authentication).
 *
 * <p>H2 commits in the background by default, which loses about the last second of acknowledged writes when the
 * process is killed. So the background writer is off and {@link #commit()} is called (through
 * {@link Durability}) after a group of writes and before they are acknowledged to anyone; it also fsyncs, so a
 * power cut loses nothing acknowledged either. Old chunks are freed at once (retention 0) or the file grows by tens
 * of kilobytes per commit.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);
  public static final String FILE_NAME = "paja.mv";
  /** A map of its own for {@link #probe()}; the backend only reads maps named after its databases. */
  private static final String PROBE_MAP = "paja.probe";
  /** A name for the driver's messages; never resolved or connected to (see {@link #clientSettings}). */
  public static final String CONNECTION_STRING = "mongodb://paja-embedded";

  private final MVStore store;
  private final H2Backend backend;
  private final EventLoopGroup serverLoops;
  private final ClientLoops clientLoops;
  private final ChannelGroup connections;
  private final Channel serverChannel;
  /** A commit reached the file but its fsync failed: the next {@link #commit()} syncs even with nothing new. */
  private boolean unsynced;
  /**
   * The store file opened for reading by {@link #copyCommitted}, from the store's opening to its closing. Never
   * opened and closed per backup: H2 locks the file with a POSIX (fcntl) lock, and closing any descriptor of the file
   * drops every such lock the process holds on it, which would let a second Paja or a restore take the file.
   */
  private final FileChannel reader;
  /** A {@link #copyCommitted} runs: space is not reused meanwhile. Guarded by this. */
  private boolean backingUp;

  /**
   * The event loops the driver runs its connections on. The group carries the server's address because the driver
   * makes its channels without arguments: an {@link InProcessSocketChannel} finds out where to connect from the
   * group it is registered with.
   */
  static final class ClientLoops extends DefaultEventLoopGroup {
    private final LocalAddress server;

    ClientLoops(LocalAddress server) {
      super(0, new DefaultThreadFactory("embedded-mongo-client", true));
      this.server = server;
    }

    LocalAddress server() {
      return server;
    }
  }

  private EmbeddedMongo(MVStore store, H2Backend backend, EventLoopGroup serverLoops, ClientLoops clientLoops,
                        ChannelGroup connections, Channel serverChannel) {
    this.store = store;
    this.backend = backend;
    this.serverLoops = serverLoops;
    this.clientLoops = clientLoops;
    this.connections = connections;
    this.serverChannel = serverChannel;
    FileChannel channel;
    try {
      channel = FileChannel.open(Path.of(store.getFileStore().getFileName()), StandardOpenOption.READ);
    } catch (IOException e) {
      channel = null; // backups then say so
    }
    this.reader = channel;
  }

  /** Opens (or creates) the database file in {@code dataDir} and serves it inside this JVM only. */
  public static EmbeddedMongo start(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    MVStore store = new MVStore.Builder()
        .fileName(file.toString())
        .autoCommitDisabled()
        .open();
    store.setRetentionTime(0);
    store.setVersionsToKeep(0);
    syncDirectory(dataDir); // a paja.mv created just now must still be there after a power cut
    H2Backend backend = new H2Backend(store);
    // What MongoServer.bind (mongo-java-server 1.47.0) sets up, on the local transport instead of TCP, without TLS.
    EventLoopGroup serverLoops = new DefaultEventLoopGroup(0, new DefaultThreadFactory("embedded-mongo-server", true));
    ChannelGroup connections = new DefaultChannelGroup("embedded-mongo", GlobalEventExecutor.INSTANCE);
    LocalAddress address = new LocalAddress(EmbeddedMongo.class); // unique per instance
    Channel serverChannel;
    try {
      serverChannel = new ServerBootstrap()
          .group(serverLoops)
          .channel(LocalServerChannel.class)
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(new MongoWireReplyEncoder());
              ch.pipeline().addLast(new MongoWireMessageEncoder());
              ch.pipeline().addLast(new MongoWireProtocolHandler());
              ch.pipeline().addLast(new MongoDatabaseHandler(backend, connections));
              ch.pipeline().addLast(new MongoExceptionHandler());
            }
          })
          .bind(address)
          .syncUninterruptibly()
          .channel();
    } catch (RuntimeException e) {
      serverLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      backend.close();
      throw e;
    }
    LOG.info("Embedded MongoDB in-process (no network endpoint) with data in {}", file.toAbsolutePath());
    return new EmbeddedMongo(store, backend, serverLoops, new ClientLoops(address), connections, serverChannel);
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * {@code base} (the Vert.x client's settings for {@link #CONNECTION_STRING}) with the driver's connections made
   * inside this JVM. The host name is answered without DNS; the address it gives is only shown in messages.
   */
  public MongoClientSettings clientSettings(MongoClientSettings base) {
    return MongoClientSettings.builder(base)
        .inetAddressResolver(host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})))
        .transportSettings(TransportSettings.nettyBuilder()
            .eventLoopGroup(clientLoops)
            .socketChannelClass(InProcessSocketChannel.class)
            .build())
        .build();
  }

  /**
   * Makes every write the server has applied so far durable: the MVStore writes its changes to the file (enough
   * against a killed process: the OS keeps them), then fsyncs the file (enough against a power cut or an OS crash,
   * if the disk honours it), as MongoDB does for a write with {@code j: true}. One call covers every write before
   * it, so callers share it (group commit, {@link EmbeddedDurability}). Blocking: call from a worker.
   */
  public synchronized void commit() {
    if (store.isClosed()) {
      // H2 closes the store when a write to its file fails, and a closed store's commit returns as if it had worked.
      throw new IllegalStateException("The embedded store is closed", store.getPanicException());
    }
    if (store.hasUnsavedChanges()) {
      backend.commit();
      unsynced = true;
    }
    if (unsynced) {
      store.sync(); // FileChannel.force(true)
      unsynced = false;
    }
  }

  /**
   * Copies the store file as of its last commit to {@code out} while writes and commits go on: a consistent point
   * in time, the state a {@code kill -9} at that moment would leave (which every start recovers from). H2's own
   * online backup ({@code MVStore.setReuseSpace}): while space is not reused, every commit appends its chunk after
   * the end of the used space, so the bytes below it stay as they were. Under H2's store lock (no chunk being
   * written) reuse is turned off and the end of the used space and the store header are taken; then the blocks up
   * to that end are copied without any lock; last, reuse is turned on again. Returns the bytes copied. Blocking.
   */
  public long copyCommitted(java.io.OutputStream out) throws IOException {
    long[] end = new long[1];
    byte[][] header = new byte[1][];
    synchronized (this) {
      if (store.isClosed()) {
        throw new IOException("The embedded store is closed");
      }
      if (backingUp) {
        throw new IllegalStateException("A backup is already being made");
      }
      store.executeFilestoreOperation(() -> {
        store.setReuseSpace(false);
        end[0] = usedEnd();
        try {
          header[0] = read(reader(), 0, (int) Math.min(end[0], HEADER_BYTES));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      backingUp = true;
    }
    try {
      FileChannel in = reader();
      out.write(header[0]);
      long pos = header[0].length;
      while (pos < end[0]) {
        byte[] block = read(in, pos, (int) Math.min(1 << 20, end[0] - pos));
        out.write(block);
        pos += block.length;
      }
      synchronized (this) {
        if (store.isClosed()) {
          // Abandoned meanwhile (a failed write): a store reopened on the file may have reused its space.
          throw new IOException("The embedded store closed while the backup was made");
        }
      }
      return pos;
    } finally {
      synchronized (this) {
        backingUp = false;
        if (!store.isClosed()) {
          store.executeFilestoreOperation(() -> store.setReuseSpace(true));
        }
      }
    }
  }

  private FileChannel reader() throws IOException {
    if (reader == null || !reader.isOpen()) {
      throw new IOException("The store file could not be opened for reading");
    }
    return reader;
  }

  /** The store header's two blocks (H2's FileStore.BLOCK_SIZE is 4 KiB). */
  private static final int HEADER_BYTES = 2 * 4096;

  /** The end of the space the live chunks use, from the store's layout ({@code chunk.<id>} → block, len). */
  private long usedEnd() {
    long blocks = 2; // the header
    for (java.util.Map.Entry<String, String> e : store.getLayoutMap().entrySet()) {
      if (e.getKey().startsWith("chunk.")) {
        java.util.Map<String, String> chunk = org.h2.mvstore.DataUtils.parseMap(e.getValue());
        blocks = Math.max(blocks, Long.parseLong(chunk.get("block"), 16) + Long.parseLong(chunk.get("len"), 16));
      }
    }
    return Math.min(blocks * 4096, store.getFileStore().size());
  }

  private static byte[] read(FileChannel in, long pos, int length) throws IOException {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (in.read(buffer, pos + buffer.position()) < 0) {
        throw new IOException("The store file ended at " + (pos + buffer.position()) + " bytes, expected "
            + (pos + length));
      }
    }
    return buffer.array();
  }

  /** Whether the store is closed: H2 closes it itself after a failed write to its file. */
  public boolean isClosed() {
    return store.isClosed();
  }

  /** When the file was created, from its header: tells the file opened at start from another one at the same path. */
  public String created() {
    Object created = store.getStoreHeader().get("created");
    // A new store's header holds a number; one read back from the file, its hexadecimal text.
    return created instanceof Number n ? Long.toHexString(n.longValue()) : String.valueOf(created);
  }

  /** A small write and a commit that the file has to take: shows that a reopened store can store again. Blocking. */
  public synchronized void probe() {
    store.<String, Long>openMap(PROBE_MAP).put("at", System.currentTimeMillis());
    commit();
  }

  /**
   * Lets go of a store that failed: no final commit (nothing it holds since its last commit was acknowledged), the
   * wire server stopped, and the file closed and unlocked so that it can be opened again. Blocking.
   */
  public synchronized void abandon() {
    // Closed first, without a commit: nothing the store holds since its last commit was acknowledged.
    store.closeImmediately();
    closeReader();
    stopServing();
  }

  private void stopServing() {
    serverChannel.close().syncUninterruptibly();
    connections.close().syncUninterruptibly();
    clientLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    serverLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Call after the driver's client is closed. Blocking. */
  @Override
  public synchronized void close() {
    stopServing();
    if (!store.isClosed()) {
      commit();
      backend.close();
    }
    closeReader();
  }

  /** After the store is closed: H2 has let go of its lock by then. */
  private void closeReader() {
    try {
      if (reader != null) {
        reader.close();
      }
    } catch (IOException ignored) {
      // read-only
    }
  }
}
