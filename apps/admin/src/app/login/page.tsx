import { LoginForm } from './login-form';
import styles from './login.module.css';

export const metadata = { title: 'Sign in' };

/** The console's door. `refused=1`: a non-admin account was turned away (proxy.ts, admin-session.ts). */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; refused?: string }> }) {
  const { next, refused } = await searchParams;
  return (
    <main id="main" className={styles.page}>
      <div className={`card ${styles.card}`}>
        <p className={styles.brand}>
          FlashShop <span className="badge">admin</span>
        </p>
        <h1>Sign in to the console</h1>
        <LoginForm next={next} refused={refused === '1'} />
      </div>
    </main>
  );
}
