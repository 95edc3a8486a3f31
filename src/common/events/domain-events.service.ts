import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { DomainEventMap, DomainEventName } from './domain-events';

/** Typed publishing: callers await every listener, so a request ends after its side effects. */
@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    await this.emitter.emitAsync(name, payload);
  }
}

/** @OnEvent restricted to declared names; a listener's failure is logged, never the publisher's. */
export const OnDomainEvent = (name: DomainEventName) => OnEvent(name, { suppressErrors: true });
