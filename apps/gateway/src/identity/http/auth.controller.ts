import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LoginBody, LogoutBody, PasswordResetConfirmBody, PasswordResetRequestBody, RefreshBody, RegisterBody, type AuthSession } from '@shop/contracts';
import { ZodBody } from '@shop/service-kit';
import { Accounts } from '../application/accounts.js';
import { PasswordResets } from '../application/password-resets.js';

/** Registration, login and the session lifecycle. Rate limited per client IP (`auth` class). */
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(Accounts) private readonly accounts: Accounts,
    @Inject(PasswordResets) private readonly passwordResets: PasswordResets,
  ) {}

  @Post('register')
  @HttpCode(201)
  register(@ZodBody(RegisterBody) body: RegisterBody): Promise<AuthSession> {
    return this.accounts.register(body);
  }

  @Post('login')
  @HttpCode(200)
  login(@ZodBody(LoginBody) body: LoginBody, @Req() request: FastifyRequest): Promise<AuthSession> {
    // A throttled login fails with its retry hint; the error filter sends it as Retry-After.
    return this.accounts.login(body, request.clientAddress);
  }

  @Post('refresh')
  @HttpCode(200)
  refresh(@ZodBody(RefreshBody) body: RefreshBody): Promise<AuthSession> {
    return this.accounts.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@ZodBody(LogoutBody) body: LogoutBody): Promise<void> {
    await this.accounts.logout(body.refreshToken);
  }

  /** 202 whether or not the address has an account: the mail, if any, says the rest. */
  @Post('password-reset')
  @HttpCode(202)
  async requestPasswordReset(@ZodBody(PasswordResetRequestBody) body: PasswordResetRequestBody): Promise<void> {
    await this.passwordResets.request(body);
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  async confirmPasswordReset(@ZodBody(PasswordResetConfirmBody) body: PasswordResetConfirmBody): Promise<void> {
    await this.passwordResets.confirm(body);
  }
}
