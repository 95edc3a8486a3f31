import type { Type } from '@nestjs/common';
import { ConversationRefDto, OpenConversationDto, SendMessageDto, StatusDto, SyncDto, TransferDto, TypingDto } from '../channels/dto/customer-events.dto';
import { CustomerGateway } from '../channels/customer.gateway';
import { StaffGateway } from '../channels/staff.gateway';
import { SubmitFeedbackDto } from '../feedback/dto/feedback.dto';
import { socketPayloadClass } from './realtime/ws-ack.decorator';
import { createValidationPipe } from './validation';
import { compileValidationPlan } from './validation-plan';

const pipe = createValidationPipe();
const viaPipe = (metatype: Type<object>, value: unknown): Promise<object> => pipe.transform(value, { type: 'body', metatype, data: '' });

const UUID = '3f1c2a9e-8b7d-4c6e-9a2b-1d0e5f4a3b2c';
const UUID2 = 'a5b7c9d1-2e3f-4a5b-8c7d-9e0f1a2b3c4d';

// Field values a client could send, good and bad for one rule or another; each is made fresh per use
// (the pipe edits what it is given).
const FIELD_VALUES: (() => unknown)[] = [
  () => UUID, () => UUID2, () => UUID.toUpperCase(), () => 'not-a-uuid', () => '', () => 'a', () => 'x'.repeat(5000), () => 'x'.repeat(5001),
  () => 'c-1:ok_.', () => 'has space', () => 'online', () => 'offline', () => 'Online', () => 'Ada', () => 'ada@example.com', () => 'ada@',
  () => true, () => false, () => 0, () => 1, () => 5, () => -1, () => 1.5, () => '5', () => null,
  () => [], () => [UUID], () => [UUID, UUID2], () => [UUID, UUID], () => Array(11).fill(UUID), () => ['x'], () => [1], () => [null],
  // eslint-disable-next-line no-sparse-arrays
  () => [UUID, , UUID2], () => [[UUID]], () => [{ id: UUID }], () => ({ id: UUID }), () => ({}), () => new Date(0), () => Buffer.from('hi'),
];
const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'toString', 'hasOwnProperty'];

/** A small deterministic generator, so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Where a value sits in FIELD_VALUES. */
const at = (value: unknown): number => FIELD_VALUES.findIndex((make) => JSON.stringify(make()) === JSON.stringify(value));

/**
 * A payload recipe: which keys, with which field values; materialised twice into separate objects.
 * Half start from a valid payload with one or two fields changed, dropped or added; half are random.
 */
function recipeFor(valid: Record<string, unknown>, next: () => number): [string, number][] {
  const pick = () => Math.floor(next() * FIELD_VALUES.length);
  if (next() < 0.5) {
    const recipe: [string, number][] = Object.entries(valid).map(([key, value]) => [key, at(value)]);
    for (let changes = 1 + Math.floor(next() * 2); changes > 0; changes--) {
      const roll = next();
      const i = Math.floor(next() * recipe.length);
      if (roll < 0.6 && recipe.length) recipe[i] = [recipe[i][0], pick()];
      else if (roll < 0.85 && recipe.length) recipe.splice(i, 1);
      else recipe.push([EXTRA_KEYS[Math.floor(next() * EXTRA_KEYS.length)], pick()]);
    }
    return recipe;
  }
  const recipe: [string, number][] = [];
  for (const key of Object.keys(valid)) if (next() < 0.75) recipe.push([key, pick()]);
  if (next() < 0.15) recipe.push([EXTRA_KEYS[Math.floor(next() * EXTRA_KEYS.length)], pick()]);
  return recipe;
}

function materialise(recipe: [string, number][]): Record<string, unknown> {
  // JSON.parse makes `__proto__` an own key, as a socket payload would.
  const object = JSON.parse(`{${recipe.filter(([key]) => key === '__proto__').map(() => '"__proto__": 0').join(',')}}`) as Record<string, unknown>;
  for (const [key, value] of recipe) {
    if (key === '__proto__') Object.defineProperty(object, key, { value: FIELD_VALUES[value](), enumerable: true, configurable: true, writable: true });
    else object[key] = FIELD_VALUES[value]();
  }
  return object;
}

/** Every socket DTO that gets a plan, with a valid payload holding all of its fields. */
const PLANNED: [Type<object>, Record<string, unknown>][] = [
  [SendMessageDto, { conversationId: UUID, clientMessageId: 'c-1:ok_.', text: 'Ada', attachmentIds: [UUID] }],
  [OpenConversationDto, { name: 'Ada', email: 'ada@example.com' }],
  [ConversationRefDto, { conversationId: UUID }],
  [TypingDto, { conversationId: UUID, isTyping: true }],
  [StatusDto, { status: 'online' }],
  [TransferDto, { conversationId: UUID, agentId: UUID2 }],
];

/** The payload classes of the socket handlers, as WsAck finds them (the handler's second parameter). */
function socketPayloadClasses(): Set<Type<object>> {
  const found = new Set<Type<object>>();
  for (const gateway of [CustomerGateway, StaffGateway]) {
    for (const key of Object.getOwnPropertyNames(gateway.prototype)) {
      const body = socketPayloadClass(gateway.prototype, key);
      if (body) found.add(body);
    }
  }
  return found;
}

describe('compileValidationPlan', () => {
  it('every socket payload class that gets a plan is compared with the pipe below', () => {
    const classes = socketPayloadClasses();
    expect(classes.size).toBeGreaterThanOrEqual(PLANNED.length);
    for (const metatype of classes) {
      if (compileValidationPlan(metatype)) expect(PLANNED.map(([planned]) => planned)).toContain(metatype);
    }
  });

  it.each(PLANNED)('%p: a valid payload takes the plan and comes back as the pipe gives it', async (metatype, valid) => {
    for (const value of Object.values(valid)) expect(at(value)).toBeGreaterThanOrEqual(0);
    const plan = compileValidationPlan(metatype);
    expect(plan).not.toBeNull();
    const planned = plan?.({ ...valid });
    expect(planned).toBeInstanceOf(metatype);
    expect(planned).toEqual(await viaPipe(metatype, { ...valid }));
  });

  it.each([
    [SendMessageDto, { conversationId: UUID, clientMessageId: 'c-1', text: 'Hi' }],
    [TransferDto, { conversationId: UUID }],
    [OpenConversationDto, {}],
  ] as [Type<object>, object][])('%p: optional fields may be left out, and the plan still takes the payload', async (metatype, payload) => {
    const planned = compileValidationPlan(metatype)?.({ ...payload });
    expect(planned).toBeInstanceOf(metatype);
    expect(planned).toEqual(await viaPipe(metatype, { ...payload }));
  });

  it('copies arrays as the pipe does: the instance never shares the payload’s array', () => {
    const payload = { conversationId: UUID, clientMessageId: 'c-1', text: 'Hi', attachmentIds: [UUID2] };
    const planned = compileValidationPlan(SendMessageDto)?.(payload);
    expect(planned?.attachmentIds).toEqual([UUID2]);
    expect(planned?.attachmentIds).not.toBe(payload.attachmentIds);
  });

  it('leaves classes with class-transformer rules to the pipe', () => {
    expect(compileValidationPlan(SyncDto)).toBeNull();
    expect(compileValidationPlan(SubmitFeedbackDto)).toBeNull();
    expect(compileValidationPlan(class NoRules {})).toBeNull();
  });

  it.each(PLANNED)('%p: on 3,000 generated payloads the plan accepts only what the pipe accepts, as the pipe builds it', async (metatype, valid) => {
    const plan = compileValidationPlan(metatype) as (value: unknown) => object | null;
    const next = random(Object.keys(valid).join(',').length * 7919);
    let taken = 0;
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const recipe = recipeFor(valid, next);
      const planned = plan(materialise(recipe));
      const piped = await viaPipe(metatype, materialise(recipe)).catch(() => null);
      if (planned === null) {
        if (piped === null) refused += 1;
        continue;
      }
      taken += 1;
      // Whatever the plan accepts, the pipe accepts, and both give the same instance.
      expect({ recipe, piped: piped !== null }).toEqual({ recipe, piped: true });
      expect(Object.getPrototypeOf(planned)).toBe(metatype.prototype);
      expect(planned).toEqual(piped);
    }
    // Both halves were exercised: payloads the plan took, and payloads both refused.
    expect(taken).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(100);
  });

  it('refuses what is not a plain object, and leaves it to the pipe', () => {
    const plan = compileValidationPlan(ConversationRefDto) as (value: unknown) => object | null;
    for (const value of [null, undefined, 'x', 1, [UUID], Object.assign(Object.create({ inherited: 1 }), { conversationId: UUID })]) expect(plan(value)).toBeNull();
  });
});
