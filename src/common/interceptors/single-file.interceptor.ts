import { BadRequestException, CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, Type, mixin } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { AppError } from '../app-error';

export const MB = 1024 * 1024;

/** Text of a byte limit for messages: "10 MB". */
export const formatLimit = (bytes: number): string => (bytes % MB === 0 ? `${bytes / MB} MB` : `${Math.round(bytes / 1024)} KB`);

/**
 * Reads one multipart file into memory (`request.file`) with a size limit, and turns multer's errors
 * into 4xx bodies that name the problem: Nest's FileInterceptor answers only "File too large".
 * Requests that are not multipart pass through untouched (JSON bodies keep working).
 */
export function SingleFileInterceptor(field: string, maxBytes: number): Type<NestInterceptor> {
  @Injectable()
  class Interceptor implements NestInterceptor {
    private readonly upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25 },
      // File names are UTF-8 in every current browser and in curl; busboy's default is latin1.
      ...({ defParamCharset: 'utf8' } as object),
    }).single(field);

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      await new Promise<void>((resolve, reject) => {
        this.upload(http.getRequest<Request>(), http.getResponse<Response>(), (error: unknown) => (error ? reject(toUploadError(error, field, maxBytes)) : resolve()));
      });
      return next.handle();
    }
  }
  return mixin(Interceptor);
}

function toUploadError(error: unknown, field: string, maxBytes: number): Error {
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new AppError('file_too_large', `The file is larger than the ${formatLimit(maxBytes)} limit`, HttpStatus.PAYLOAD_TOO_LARGE);
      case 'LIMIT_UNEXPECTED_FILE':
      case 'LIMIT_FILE_COUNT':
        return new BadRequestException(`Send exactly one file, in the multipart field "${field}"`);
      default:
        return new BadRequestException(`The upload was refused: ${error.message}`);
    }
  }
  return new BadRequestException(`The upload could not be read: ${(error as Error)?.message ?? 'malformed multipart body'}`);
}
