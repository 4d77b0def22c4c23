import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CatalogFailureError, type CatalogFailure } from '../application/product-catalog.js';
import { InvalidCursorError, StaleProductError } from '../persistence/product.repository.js';

const statusOf: Record<CatalogFailure['code'], number> = {
  NOT_FOUND: 404,
  UNKNOWN_CATEGORY: 422,
  PARENT_NOT_FOUND: 422,
  MIXED_CURRENCIES: 422,
  ILLEGAL_STATUS_TRANSITION: 409,
  PRODUCT_ARCHIVED: 409,
  SLUG_TAKEN: 409,
  SKU_TAKEN: 409,
};

/** Maps the catalog's expected failures (values of the domain) onto the one error body. */
@Catch(CatalogFailureError, InvalidCursorError, StaleProductError)
export class CatalogFailureFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof InvalidCursorError) {
      void reply.code(400).send(body('VALIDATION_FAILED', 'Invalid request', [{ field: 'cursor', reason: error.message }]));
      return;
    }
    if (error instanceof StaleProductError) {
      void reply.code(409).send(body('CONFLICT', 'the product was changed by someone else; reload and retry'));
      return;
    }
    const { code, message, ...details } = (error as CatalogFailureError).failure;
    void reply.code(statusOf[code]).send(body(code, message, Object.keys(details).length ? details : undefined));
  }
}

function body(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
