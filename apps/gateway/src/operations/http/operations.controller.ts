import { Controller, Delete, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ListDeadLettersQuery, StreamEntryId, StreamName, type DeadLetterPage, type DeadLetterRetried, type DeadLetterStreamList } from '@shop/contracts';
import { ZodParam, ZodQuery } from '@shop/service-kit';
import type { Principal } from '../../identity/domain/principal.js';
import { CurrentAdmin } from '../../identity/http/current-principal.js';
import { DeadLetterOperations } from '../application/dead-letter-operations.js';

/**
 * Operations on the event bus, for admins: the dead letters of every consumer group. (Dead
 * checkout sagas are the payments service's: /api/admin/checkouts?state=dead.)
 */
@Controller('api/admin/operations')
export class OperationsController {
  constructor(@Inject(DeadLetterOperations) private readonly deadLetters: DeadLetterOperations) {}

  @Get('dead-letter-streams')
  streams(@CurrentAdmin() _admin: Principal): Promise<DeadLetterStreamList> {
    return this.deadLetters.streams();
  }

  @Get('dead-letters')
  list(@CurrentAdmin() _admin: Principal, @ZodQuery(ListDeadLettersQuery) query: ListDeadLettersQuery): Promise<DeadLetterPage> {
    return this.deadLetters.list(query);
  }

  /** Re-delivers the message to the consumer group that gave up on it, and removes the letter. */
  @Post('dead-letters/:stream/:id/retry')
  @HttpCode(200)
  retry(@CurrentAdmin() admin: Principal, @ZodParam('stream', StreamName) stream: string, @ZodParam('id', StreamEntryId) id: string): Promise<DeadLetterRetried> {
    return this.deadLetters.retry(stream, id, admin.userId);
  }

  @Delete('dead-letters/:stream/:id')
  @HttpCode(204)
  async discard(@CurrentAdmin() admin: Principal, @ZodParam('stream', StreamName) stream: string, @ZodParam('id', StreamEntryId) id: string): Promise<void> {
    await this.deadLetters.discard(stream, id, admin.userId);
  }
}
