import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../errors.ts';
import { refuseBadText } from './input-hygiene.ts';

/** A file uploaded as the "file" part of a multipart request, with the text fields sent before it. */
export interface UploadedFile {
  readonly name: string;
  readonly content: AsyncIterable<Uint8Array>;
  /** The text fields that came before the file part, by name. */
  readonly fields: ReadonlyMap<string, string>;
}

/**
 * The file of a multipart/form-data request. One byte over `maxBytes` still reaches the reader,
 * which refuses the file by name (busboy would only truncate it). A body that is not multipart,
 * or breaks off, is the client's mistake (400), not the server's.
 */
export async function uploadedFile(
  request: Pick<FastifyRequest, 'file'>,
  maxBytes: number,
): Promise<UploadedFile> {
  const upload = await request
    .file({ limits: { fileSize: maxBytes + 1, files: 1 } })
    .catch((error: unknown) => {
      throw notMultipart(error);
    });
  if (!upload) throw new AppError('VALIDATION.INVALID_INPUT', 'the request has no file part');
  refuseBadText(upload.filename, 'the file name');
  const fields = new Map<string, string>();
  for (const [name, field] of Object.entries(upload.fields)) {
    if (field && !Array.isArray(field) && field.type === 'field') {
      const value = String(field.value);
      refuseBadText(value, name);
      fields.set(name, value);
    }
  }
  return { name: upload.filename || 'upload', content: uploadContent(upload.file), fields };
}

function notMultipart(error: unknown): Error {
  if (isAppError(error) || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
    return error as Error;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError(
    'VALIDATION.INVALID_INPUT',
    `the body is not a readable multipart/form-data upload with a "file" part: ${reason}`,
  );
}

async function* uploadContent(file: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of file) yield chunk as Uint8Array;
  } catch (error) {
    throw notMultipart(error);
  }
}
