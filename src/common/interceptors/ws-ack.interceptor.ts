import { CallHandler, ExecutionContext, HttpException, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { catchError, map, Observable, of } from 'rxjs';
import { toAckError } from '../app-error';

/** Every socket handler answers its ack with `{ok: true, ...result}` or `{ok: false, error: {code, message}}`. */
@Injectable()
export class WsAckInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Socket');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result) => ({ ok: true, ...(result ?? {}) })),
      catchError((error: unknown) => {
        if (!(error instanceof HttpException)) {
          this.logger.error(`${context.getHandler().name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
        return of({ ok: false, error: toAckError(error) });
      }),
    );
  }
}
