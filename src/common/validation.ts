import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, validateSync, ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

export interface FieldError {
  field: string;
  errors: string[];
}

/** Flattens nested class-validator errors into `{field: 'a.b', errors}` rows. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): BadRequestException {
  const details = flattenValidationErrors(errors);
  const message = `Validation failed: ${details.map((d) => d.errors.join(', ')).join('; ')}`;
  return new BadRequestException({ message, details });
}

/**
 * Nest's pipe, with class-validator's synchronous entry point: the app declares no async constraint
 * (validation.spec.ts fails if one appears), and the async entry point costs a promise per check.
 */
class AppValidationPipe extends ValidationPipe {
  protected override validate(object: object, options?: ValidatorOptions): ValidationError[] {
    return validateSync(object, options);
  }
}

/** The one validation pipe: unknown fields are a 400, and errors name the fields. */
export function createValidationPipe(): ValidationPipe {
  cacheRuleLookups();
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // Nest's default, stated here so that its per-call `{ ...options, validationError }` adds no key:
    // on Node 20 an object spread followed by a new key is freed only by a full GC (validation.spec.ts).
    validationError: { target: false },
    transform: true,
    exceptionFactory: validationException,
  });
}

type Storage = ReturnType<typeof getMetadataStorage>;
const cachedStorages = new WeakSet<Storage>();

/** One answer of `getTargetValidationMetadatas` for a class, with the options it was asked with. */
interface CachedLookup {
  schema: string;
  always: boolean;
  strictGroups: boolean;
  groups: string;
  metadatas: ValidationMetadata[];
}

/**
 * class-validator finds a class's rules on every call by testing every class it knows as a possible
 * parent, then regroups them by property: about a quarter of a chat message's validation in
 * `npm run bench`'s profile. Rules change only when a decorator registers one (at import time), so
 * both answers are kept until one does. The arrays handed out are frozen: no caller may edit them.
 * Answers hang off the class itself (a WeakMap), compared option by option: a lookup builds no key.
 */
export function cacheRuleLookups(storage: Storage = getMetadataStorage()): void {
  if (cachedStorages.has(storage)) return;
  cachedStorages.add(storage);
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let lookups = new WeakMap<object, CachedLookup[]>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // Lookups by schema name or without a class go straight through.
    if (typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const groupList = groups?.join(',') ?? '';
    let answers = lookups.get(target);
    if (!answers) lookups.set(target, (answers = []));
    for (const a of answers) {
      if (a.schema === schema && a.always === always && a.strictGroups === strictGroups && a.groups === groupList) return a.metadatas;
    }
    const metadatas = Object.freeze(lookup(target, schema, always, strictGroups, groups)) as ValidationMetadata[];
    answers.push({ schema, always, strictGroups, groups: groupList, metadatas });
    return metadatas;
  };
  storage.groupByPropertyName = (metadatas: ValidationMetadata[]) => {
    if (!Object.isFrozen(metadatas)) return group(metadatas);
    let found = grouped.get(metadatas);
    if (!found) grouped.set(metadatas, (found = Object.freeze(group(metadatas))));
    return found;
  };
  storage.addValidationMetadata = (metadata: ValidationMetadata) => {
    lookups = new WeakMap();
    grouped = new WeakMap();
    add(metadata);
  };
}
