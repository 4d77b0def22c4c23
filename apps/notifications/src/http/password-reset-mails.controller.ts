import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { PASSWORD_RESET_MAIL_PATH, PasswordResetMailRequest } from '@shop/contracts';
import { RequireService, ZodBody } from '@shop/service-kit';
import { PasswordResetMails } from '../application/password-reset-mails.js';

/** Identity (the gateway) asks for a reset link to be mailed; no end-user token opens it. */
@Controller(PASSWORD_RESET_MAIL_PATH.replace(/^\//, ''))
@RequireService('gateway')
export class PasswordResetMailsController {
  constructor(@Inject(PasswordResetMails) private readonly mails: PasswordResetMails) {}

  /** 202: the mail is written and queued; a repeated reset id writes nothing new. */
  @Post()
  @HttpCode(202)
  async accept(@ZodBody(PasswordResetMailRequest) body: PasswordResetMailRequest): Promise<void> {
    await this.mails.accept(body);
  }
}
