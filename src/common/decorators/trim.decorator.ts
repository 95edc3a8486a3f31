import { Transform } from 'class-transformer';

/** Trims strings before validation, so "   " fails MinLength like "" does. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
