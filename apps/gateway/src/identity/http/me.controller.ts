import { Controller, Get, Inject } from '@nestjs/common';
import type { User } from '@shop/contracts';
import { Accounts } from '../application/accounts.js';
import type { Principal } from '../domain/principal.js';
import { CurrentPrincipal } from './current-principal.js';

@Controller('api/me')
export class MeController {
  constructor(@Inject(Accounts) private readonly accounts: Accounts) {}

  @Get()
  me(@CurrentPrincipal() principal: Principal): Promise<User> {
    return this.accounts.user(principal.userId);
  }
}
