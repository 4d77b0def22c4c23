import type { PasswordResetMailRequest } from '@shop/contracts';
import type { NotificationIntake, PlannedMail } from './notification-intake.js';

/** Records the reset mails written, one per link (the gateway's reset id), as a consumer does events. */
export const PASSWORD_RESET_MAILS = 'notifications.password-reset';

/** The storefront page that reads the link's token and asks for the new password. */
export function plannedPasswordResetMail(request: PasswordResetMailRequest, storefrontUrl: string): PlannedMail {
  const resetUrl = new URL('/account/reset-password', storefrontUrl);
  resetUrl.searchParams.set('token', request.token);
  return {
    content: { template: 'password-reset', resetUrl: resetUrl.toString(), expiresAt: request.expiresAt, requestedBy: request.requestedBy },
    eventEmail: request.email,
    customerId: request.userId,
  };
}

/** The gateway's "mail this reset link": written once per link, then sent (and retried) as every mail is. */
export class PasswordResetMails {
  constructor(
    private readonly intake: NotificationIntake,
    private readonly storefrontUrl: string,
  ) {}

  async accept(request: PasswordResetMailRequest): Promise<void> {
    await this.intake.accept(PASSWORD_RESET_MAILS, request.resetId, [plannedPasswordResetMail(request, this.storefrontUrl)]);
  }
}
