// The part of @vertx/eventbus-bridge-client.js (which ships no types) that the pages use.
declare module '@vertx/eventbus-bridge-client.js' {
  type BusError = { failureCode?: number; failureType?: string; message?: string; body?: unknown };
  type BusMessage = { body: any; headers?: Record<string, string> };
  type Handler = (err: BusError | null, msg: BusMessage | null) => void;
  export default class EventBus {
    constructor(url: string, options?: Record<string, unknown>);
    state: number;
    onopen: (() => void) | null;
    onclose: ((e?: { code?: number; reason?: string }) => void) | null;
    onerror: ((err: unknown) => void) | null;
    enableReconnect(enable: boolean): void;
    registerHandler(address: string, headers: Record<string, string>, callback: Handler): void;
    unregisterHandler(address: string, headers: Record<string, string>, callback: Handler): void;
    send(address: string, message: unknown, headers: Record<string, string>, callback?: Handler): void;
    publish(address: string, message: unknown, headers?: Record<string, string>): void;
    close(): void;
  }
}
