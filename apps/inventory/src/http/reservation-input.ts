import { CreateReservationBody, Failed, IdempotencyKey, type FieldIssue } from '@shop/contracts';
import { validationFailed, ZodPipe } from '@shop/service-kit';

const bodyPipe = new ZodPipe(CreateReservationBody, 'body');
const keyPipe = new ZodPipe(IdempotencyKey, 'Idempotency-Key');

/**
 * A reservation request's body and Idempotency-Key, validated together so that a 400 names every
 * bad field at once; the same for the lean route and the Fastify route. The common valid case is
 * a synchronous parse; only a failure goes through the pipes for the platform's error details.
 */
export async function reservationInputOf(rawBody: unknown, rawKey: unknown): Promise<{ body: CreateReservationBody; key: string }> {
  const body = CreateReservationBody.safeParse(rawBody);
  const key = IdempotencyKey.safeParse(rawKey);
  // Behind the gateway the signed-in customer is who the limit counts against, whatever the body says (InventoryService.reserve).
  if (body.success && key.success) return { body: body.data, key: key.data };
  const issues: FieldIssue[] = [];
  if (!body.success) await bodyPipe.transform(rawBody).catch((err: unknown) => collect(err, issues));
  if (!key.success) await keyPipe.transform(rawKey).catch((err: unknown) => collect(err, issues));
  throw validationFailed(issues);
}

function collect(err: unknown, issues: FieldIssue[]): undefined {
  if (err instanceof Failed && Array.isArray(err.failure.details)) issues.push(...(err.failure.details as FieldIssue[]));
  else throw err;
  return undefined;
}
