import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { KafkaBatchTransport } from './kafka-batch.transport';

/**
 * Several KafkaBatchTransports (consumer groups) behind one Nest microservice, for a worker that
 * consumes more than one group without a second Nest context (the delivery-worker: record-changed
 * notices, and inbound hints). Each transport routes its batches to the handler of its own
 * `pattern`; each commits, retries and dead-letters on its own, exactly as when it runs alone.
 */
export class KafkaBatchTransports extends Server implements CustomTransportStrategy {
  constructor(private readonly transports: readonly KafkaBatchTransport[]) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    // Nest registered the @EventPattern handlers here; each transport looks up its own pattern.
    for (const transport of this.transports) {
      for (const [pattern, handler] of this.getHandlers())
        transport.addHandler(pattern, handler, handler.isEventHandler, handler.extras);
    }
    let starting = this.transports.length;
    let failed = false;
    if (starting === 0) return callback();
    for (const transport of this.transports) {
      transport.listen((error?: unknown) => {
        if (failed) return;
        if (error !== undefined) {
          failed = true;
          callback(error);
        } else if (--starting === 0) callback();
      });
    }
  }

  /** Ready means every group consumes. */
  isConsuming(): boolean {
    return this.transports.every((transport) => transport.isConsuming());
  }

  async close(): Promise<void> {
    // Each finishes and commits its batch in hand before leaving its group.
    await Promise.all(this.transports.map((transport) => transport.close()));
  }

  on(): never {
    throw new Error('KafkaBatchTransports does not emit events');
  }

  unwrap<T>(): T {
    return this.transports as T;
  }
}
