import { Controller, Get, HttpCode, Inject, Patch, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ChangePasswordBody, UpdateMeBody, type AuthSession, type User } from '@shop/contracts';
import { ZodBody } from '@shop/service-kit';
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

  /** The caller's own profile: the name (null removes it). */
  @Patch()
  update(@CurrentPrincipal() principal: Principal, @ZodBody(UpdateMeBody) body: UpdateMeBody): Promise<User> {
    return this.accounts.updateMe(principal.userId, body);
  }

  /** The caller's own password; every other session ends and the caller gets a new one. */
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentPrincipal() principal: Principal, @ZodBody(ChangePasswordBody) body: ChangePasswordBody, @Req() request: FastifyRequest): Promise<AuthSession> {
    return this.accounts.changePassword(principal.userId, body, request.clientAddress);
  }
}
