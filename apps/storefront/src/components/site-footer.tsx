import styles from './site-footer.module.css';

export function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className={`container ${styles.inner}`}>
        <p>
          <strong>FlashShop</strong> — a demo shop on an open-source platform built for flash sales.
        </p>
        <p className="muted">Payments run in test mode: no card is ever charged.</p>
      </div>
    </footer>
  );
}
