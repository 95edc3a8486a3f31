import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs, ReadStream } from 'node:fs';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app.config';

const SAFE_SEGMENT = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Files under UPLOAD_DIR as `<companyId>/<attachmentId>`: both are server-made UUIDs, checked again
 * here, so no client-supplied text ever reaches a path.
 */
@Injectable()
export class AttachmentStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  keyOf(companyId: string, id: string): string {
    if (!SAFE_SEGMENT.test(companyId) || !SAFE_SEGMENT.test(id)) throw new Error('unsafe storage key');
    return `${companyId}/${id}`;
  }

  /** Written to a temporary name and renamed: a reader never sees half a file. */
  async write(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
    try {
      await fs.writeFile(temporary, bytes, { flag: 'wx' });
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  /** A stream of the file, or null when it is gone. */
  async open(key: string): Promise<ReadStream | null> {
    const file = this.pathOf(key);
    try {
      await fs.access(file);
    } catch {
      return null;
    }
    return createReadStream(file);
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    const [companyId, id, ...rest] = key.split('/');
    if (rest.length || !SAFE_SEGMENT.test(companyId ?? '') || !SAFE_SEGMENT.test(id ?? '')) throw new Error(`unsafe storage key ${key}`);
    return path.join(this.config.uploadDir, companyId, id);
  }
}
