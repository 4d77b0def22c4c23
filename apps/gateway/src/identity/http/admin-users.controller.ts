import { Controller, Delete, Get, HttpCode, Inject } from '@nestjs/common';
import { z } from 'zod';
import type { User } from '@shop/contracts';
import { ZodParam } from '@shop/service-kit';
import { Accounts } from '../application/accounts.js';

const UserId = z.uuid('must be a UUID');

/** Account administration; the route table puts all of /api/admin behind the admin role. */
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(@Inject(Accounts) private readonly accounts: Accounts) {}

  @Get(':id')
  get(@ZodParam('id', UserId) id: string): Promise<User> {
    return this.accounts.user(id);
  }

  /** Deletes the account: its sessions end and its access tokens stop working. */
  @Delete(':id')
  @HttpCode(204)
  async delete(@ZodParam('id', UserId) id: string): Promise<void> {
    await this.accounts.deleteUser(id);
  }
}
