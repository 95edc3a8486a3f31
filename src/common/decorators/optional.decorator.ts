import { ValidateIf } from 'class-validator';

/**
 * Like @IsOptional, but only `undefined` skips validation: an explicit `null` is validated (and
 * refused by @IsString and friends), so a PATCH with `{name: null}` is a 400, not a crash.
 */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);
