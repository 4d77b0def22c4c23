import { PASSWORD_RESET_MAIL_PATH, type PasswordResetMailRequest } from '@shop/contracts';
import { type ServiceClient, UpstreamUnavailableError } from '@shop/service-kit';
import type { PasswordResetMailer } from '../application/password-resets.js';

/** The reset link goes to the notifications service, which owns mail (templates, retries, SMTP). */
export class NotificationsPasswordResetMailer implements PasswordResetMailer {
  constructor(private readonly http: ServiceClient) {}

  async send(mail: PasswordResetMailRequest): Promise<void> {
    // Notifications writes one mail per resetId, so a repeated call is safe.
    const res = await this.http.request('POST', PASSWORD_RESET_MAIL_PATH, { body: mail, idempotent: true });
    if (res.status !== 202) throw new UpstreamUnavailableError('notifications', `answered the reset mail with ${res.status}`);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
