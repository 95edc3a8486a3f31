import { HttpException, HttpStatus } from '@nestjs/common';

/** An HttpException with a stable machine-readable code, shared by REST bodies and socket acks. */
export class AppError extends HttpException {
  constructor(readonly code: string, message: string, status: HttpStatus = HttpStatus.BAD_REQUEST, details?: unknown) {
    super({ message, code, ...(details === undefined ? {} : { details }) }, status);
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorized', 402: 'plan_limit_reached', 403: 'forbidden', 404: 'not_found',
  409: 'conflict', 413: 'too_large', 415: 'unsupported_type', 422: 'unprocessable', 429: 'rate_limited',
};

export interface AckError {
  code: string;
  message: string;
  details?: unknown;
}

/** The socket-side twin of the REST error body: `{code, message, details?}`; internals never leak. */
export function toAckError(error: unknown): AckError {
  if (error instanceof HttpException) {
    const response = error.getResponse() as string | { message?: string | string[]; code?: string; details?: unknown };
    const status = error.getStatus();
    if (typeof response === 'string') return { code: CODE_BY_STATUS[status] ?? 'error', message: response };
    const message = Array.isArray(response.message) ? response.message.join('; ') : (response.message ?? error.message);
    const code = response.code ?? (status === 400 && response.details ? 'validation_failed' : (CODE_BY_STATUS[status] ?? 'error'));
    return { code, message, ...(response.details === undefined ? {} : { details: response.details }) };
  }
  return { code: 'internal_error', message: 'Something went wrong on our side' };
}

/** What the server log says of an unexpected error: its stack when it has one. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
