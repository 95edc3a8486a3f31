import { MB } from '../common/interceptors/single-file.interceptor';

export const ATTACHMENT_MAX_BYTES = 10 * MB;
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;
