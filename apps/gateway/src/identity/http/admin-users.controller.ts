import { Controller, Delete, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { AdminListUsersQuery, type AdminPasswordResetSent, type AdminUser, type AdminUserPage } from '@shop/contracts';
import { ZodParam, ZodQuery } from '@shop/service-kit';
import { Accounts } from '../application/accounts.js';
import { PasswordResets } from '../application/password-resets.js';
import type { Principal } from '../domain/principal.js';
import { CurrentAdmin } from './current-principal.js';

const UserId = z.uuid('must be a UUID');

/** Account administration; the route table puts all of /api/admin behind the admin role, and so does CurrentAdmin. */
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(
    @Inject(Accounts) private readonly accounts: Accounts,
    @Inject(PasswordResets) private readonly resets: PasswordResets,
  ) {}

  /** Every account, newest first; searchable by part of the email, filterable by role and status. */
  @Get()
  list(@CurrentAdmin() _admin: Principal, @ZodQuery(AdminListUsersQuery) query: AdminListUsersQuery): Promise<AdminUserPage> {
    return this.accounts.listUsers(query);
  }

  @Get(':id')
  get(@CurrentAdmin() _admin: Principal, @ZodParam('id', UserId) id: string): Promise<AdminUser> {
    return this.accounts.adminUser(id);
  }

  /** The account cannot log in or refresh; its sessions end and its access tokens stop working. */
  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentAdmin() admin: Principal, @ZodParam('id', UserId) id: string): Promise<AdminUser> {
    return this.accounts.disableUser(id, admin.userId);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentAdmin() admin: Principal, @ZodParam('id', UserId) id: string): Promise<AdminUser> {
    return this.accounts.enableUser(id, admin.userId);
  }

  /** Mails the account a one-use reset link (a customer who cannot sign in asked the shop); 409 within the cooldown of the last one. */
  @Post(':id/password-reset')
  @HttpCode(202)
  sendPasswordReset(@CurrentAdmin() _admin: Principal, @ZodParam('id', UserId) id: string): Promise<AdminPasswordResetSent> {
    return this.resets.sendFor(id);
  }

  /** Deletes the account: its sessions end and its access tokens stop working. */
  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentAdmin() _admin: Principal, @ZodParam('id', UserId) id: string): Promise<void> {
    await this.accounts.deleteUser(id);
  }
}
