/**
 * Every use Paja makes of Vert.x's implementation classes ({@code io.vertx.*.impl.*}, {@code io.vertx.core.internal.*}),
 * each behind a small class of its own. Vert.x may change these between any two releases without notice; no other
 * package may import them ({@code PackageArrowsTest.onlyVertxInternalsUsesVertxImplementationClasses}).
 *
 * <p>On a Vert.x upgrade, re-check:
 * <ul>
 *   <li>{@link fi.paja.vertxinternals.BridgeSockets} — {@code EventBusBridgeImpl} is still public with the constructor
 *       {@code (Vertx, AuthorizationProvider, SockJSBridgeOptions, Handler<BridgeEvent>)} and still a
 *       {@code Handler<SockJSSocket>} (Paja builds the bridge itself so that its own WebSocket transport can share it).
 *       Guarded by every bridge IT ({@code WebSocketBridgeIT}, {@code SockJsWebSocketBridgeIT}, {@code Xhr*BridgeIT}).</li>
 *   <li>{@link fi.paja.vertxinternals.BridgeFrames} — the bridge's {@code rec} frame is still
 *       {@code {"type":"rec","address":…,"body":…}} (with {@code headers} and {@code replyAddress} only when present,
 *       {@code EventBusBridgeImpl.deliverMessage}): {@code web.EventFanOut} writes it itself and clients must not tell
 *       the difference. Guarded by {@code web.FanOutFramesTest}, which puts both side by side.</li>
 *   <li>{@link fi.paja.vertxinternals.OwnSockJsSocket} — {@code SockJSSocketBase} keeps its protected constructor
 *       {@code (Vertx, RoutingContext, SockJSHandlerOptions)} and what it does there (the write handler, if asked for).
 *       Guarded by {@code SockJsWebSocketBridgeIT}.</li>
 *   <li>{@link fi.paja.vertxinternals.SockJsText} — {@code JsonCodec.encode(String[])} still escapes every non-ASCII
 *       character as SockJS's clients expect. Guarded by {@code web.SockJsFramesTest}.</li>
 *   <li>{@link fi.paja.vertxinternals.WebSocketFrames} — {@code WebSocketFrameImpl(type, byte[], final)} still wraps the
 *       array without a copy, and an upgraded connection is still a {@code ConnectionBase} whose Netty pipeline holds
 *       a {@code ChunkedWriteHandler}. Guarded by {@code SockJsWebSocketBridgeIT} and {@code SlowConsumerIT} (a copy
 *       would show as allocation in the benchmark, docs/BENCHMARKS.md).</li>
 *   <li>{@link fi.paja.vertxinternals.MongoSettings} — {@code MongoClientOptionsParser(Vertx, JsonObject).settings()}
 *       still gives the settings {@code MongoClient.create} would use (its JSON codecs among them). Guarded by every
 *       IT on the embedded store ({@code EmbeddedStoreIT}, {@code RestartIT}).</li>
 *   <li>{@link fi.paja.vertxinternals.ClusterView} — {@code VertxInternal.clusterManager()}. Guarded by
 *       {@code nodes.MultiNodeIT} ({@code /health} lists the nodes).</li>
 * </ul>
 */
package fi.paja.vertxinternals;
