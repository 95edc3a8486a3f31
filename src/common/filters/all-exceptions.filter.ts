import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { isUniqueViolation } from '../db-errors';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

// body-parser rejects bodies before Nest sees them; its errors carry a status and a type.
const PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'entity.too.large': 'The request body is too large',
  'encoding.unsupported': 'The request body encoding is not supported',
  'charset.unsupported': 'The request body charset is not supported',
  'request.aborted': 'The request was aborted',
};

function bodyParserError(exception: unknown): ErrorBody | null {
  const e = exception as { type?: string; status?: number; expose?: boolean } | null;
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number' || !e.expose || e.status < 400 || e.status >= 500) return null;
  return { statusCode: e.status, error: STATUS_CODES[e.status] ?? 'Error', message: PARSER_MESSAGES[e.type] ?? 'The request body could not be read' };
}

/** Shapes any thrown value into the public error body; 500s never carry a stack or SQL. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const error = STATUS_CODES[statusCode] ?? 'Error';
    if (typeof response === 'string') return { statusCode, error, message: response };
    const body = response as { message?: string | string[]; details?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? exception.message);
    return { statusCode, error, message, ...(body.details === undefined ? {} : { details: body.details }) };
  }
  const parserError = bodyParserError(exception);
  if (parserError) return parserError;
  if (isUniqueViolation(exception)) {
    return { statusCode: 409, error: 'Conflict', message: 'A record with these values already exists' };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side' };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse();
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}

