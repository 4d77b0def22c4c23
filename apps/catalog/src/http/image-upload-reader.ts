import { describeIssues, Failed, FailureCode, ImageUploadFields, reasonFor } from '@shop/contracts';
import { validationFailed } from '@shop/service-kit';
import type { FastifyRequest } from 'fastify';
import type { ReceivedImage } from '../application/product-images.js';

const fileIssue = (reason: string) => [{ field: 'file', reason }];

/**
 * Reads an upload form (multipart/form-data): exactly one file part named `file`, at most
 * `maxBytes` long, and optionally an `alt` field sent before it. Anything else is refused with
 * the field and the reason: 415 not multipart, 413 too big, 400 no file / two files / bad alt.
 */
export async function readImageUpload(request: FastifyRequest, maxBytes: number): Promise<ReceivedImage> {
  if (!request.isMultipart()) {
    throw Failed.of(FailureCode.UNSUPPORTED_MEDIA_TYPE, 'send the image as multipart/form-data', fileIssue('must be sent as multipart/form-data'));
  }
  const fields: Record<string, string> = {};
  let received: { bytes: Buffer; declaredType: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 2048, parts: 5 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        await part.toBuffer().catch(() => undefined);
        throw validationFailed(fileIssue(`is required (a file came as "${part.fieldname}")`));
      }
      received = { bytes: await part.toBuffer(), declaredType: part.mimetype };
    }
  } catch (err) {
    throw uploadFailure(err, maxBytes);
  }
  if (!received) throw validationFailed(fileIssue('is required'));
  if (received.bytes.length === 0) throw validationFailed(fileIssue('is empty'));
  const parsed = ImageUploadFields.safeParse(fields, { error: reasonFor });
  if (!parsed.success) throw validationFailed(describeIssues(parsed.error, ''));
  return { ...received, alt: parsed.data.alt };
}

function uploadFailure(err: unknown, maxBytes: number): unknown {
  if (err instanceof Failed) return err;
  switch ((err as { code?: unknown } | null)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return Failed.of(FailureCode.PAYLOAD_TOO_LARGE, `the file is larger than ${maxBytes} bytes`, fileIssue(`must be at most ${maxBytes} bytes`));
    case 'FST_FILES_LIMIT':
      return validationFailed(fileIssue('one file per request'));
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return validationFailed([{ field: 'body', reason: 'has too many form fields; send the file and at most its alt text' }]);
    default:
      // A malformed or cut-off form body.
      return Failed.of(FailureCode.BAD_REQUEST, 'the upload form could not be read', fileIssue('could not be read: the form data is malformed or incomplete'));
  }
}
