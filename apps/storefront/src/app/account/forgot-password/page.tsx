import type { Metadata } from 'next';
import { ForgotPasswordForm } from './forgot-password-form';
import styles from '../account.module.css';

export const metadata: Metadata = { title: 'Forgot your password?' };

export default function ForgotPasswordPage() {
  return (
    <div className={`container page ${styles.auth}`}>
      <h1>Forgot your password?</h1>
      <p className="muted">Enter the email address of your account and we will send you a link to choose a new password.</p>
      <ForgotPasswordForm />
    </div>
  );
}
