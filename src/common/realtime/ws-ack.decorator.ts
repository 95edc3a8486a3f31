import { HttpException, Logger, Type } from '@nestjs/common';
import { errorDetail, toAckError } from '../app-error';
import { createValidationPipe } from '../validation';
import { compileValidationPlan } from '../validation-plan';

const logger = new Logger('Socket');
const pipe = createValidationPipe();

/**
 * A socket handler whose ack is `{ok: true, ...result}` or `{ok: false, error: {code, message}}`,
 * with its payload (the second argument, after the socket) validated and transformed into the DTO
 * class that argument is declared as — the app's one validation pipe, so the errors read as they do
 * over REST. A payload its class's validation plan accepts skips the pipe's generic path; anything
 * else goes through the pipe (`validation-plan.ts`).
 *
 * A method decorator rather than a Nest interceptor and pipe: every chat message takes this path,
 * and the interceptor chain (an rxjs pipeline and an async_hooks resource per call) cost about
 * 100 µs of the socket thread per event in `npm run bench`'s profile.
 */
/** The payload's declared type (TypeScript's emitted metadata, the second parameter); a handler without one gets no validation. */
export function socketPayloadClass(target: object, key: string | symbol): Type<object> | undefined {
  return (Reflect.getMetadata('design:paramtypes', target, key) as Type<object>[] | undefined)?.[1];
}

export function WsAck(): MethodDecorator {
  return (target, key, descriptor: PropertyDescriptor) => {
    const body = socketPayloadClass(target, key);
    const plan = body ? compileValidationPlan(body) : null;
    const handler = descriptor.value as (...args: unknown[]) => unknown;
    const name = `${target.constructor.name}.${String(key)}`;
    const wrapped = async function (this: unknown, ...args: unknown[]) {
      try {
        if (body) args[1] = plan?.(args[1]) ?? (await pipe.transform(args[1], { type: 'body', metatype: body, data: '' }));
        const result = await handler.apply(this, args);
        return { ok: true, ...(result ?? {}) };
      } catch (error) {
        if (!(error instanceof HttpException)) logger.error(`${name}: ${errorDetail(error)}`);
        return { ok: false, error: toAckError(error) };
      }
    };
    // Keep what decorators applied before this one stored on the method (Nest reads it from the function).
    for (const metadataKey of Reflect.getMetadataKeys(handler)) Reflect.defineMetadata(metadataKey, Reflect.getMetadata(metadataKey, handler), wrapped);
    Object.defineProperty(wrapped, 'name', { value: handler.name });
    descriptor.value = wrapped;
  };
}
