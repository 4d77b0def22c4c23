import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { AccountLookupBody, type AccountLookupResult } from '@shop/contracts';
import { RequireService, ZodBody } from '@shop/service-kit';
import { Accounts } from '../application/accounts.js';

/**
 * Identity for other services: which address an account has and whether it is disabled (the
 * notifications service mails nobody whose account is disabled). No end-user token opens it:
 * only the notifications service's signed credential (401 without, 403 for another service).
 */
@Controller('internal/identity/accounts')
@RequireService('notifications')
export class InternalAccountsController {
  constructor(@Inject(Accounts) private readonly accounts: Accounts) {}

  /** A POST so up to 500 ids and 500 addresses fit; it changes nothing. */
  @Post('lookup')
  @HttpCode(200)
  async lookup(@ZodBody(AccountLookupBody) body: AccountLookupBody): Promise<AccountLookupResult> {
    return { accounts: await this.accounts.contacts(body) };
  }
}
