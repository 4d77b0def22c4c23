import styles from './load-more-button.module.css';

interface Props {
  /** The next page as a link (what the button is without JavaScript); null when there is none. */
  nextHref: string | null;
  loading: boolean;
  error: string | null;
  onLoad: () => void;
  /** Said when there is no next page. */
  doneText: string;
}

/**
 * "Load more" under a listing that follows an API cursor: a link to the next page that, with
 * JavaScript, appends it in place instead (the caller's `onLoad`).
 */
export function LoadMoreButton({ nextHref, loading, error, onLoad, doneText }: Props) {
  return (
    <div className={styles.loadMore} aria-live="polite">
      {error && <p className="notice notice-error">{error}</p>}
      {nextHref ? (
        <a
          href={nextHref}
          className="btn btn-secondary"
          role="button"
          aria-disabled={loading}
          onClick={(e) => {
            e.preventDefault();
            if (!loading) onLoad();
          }}
        >
          {loading ? (
            <>
              <span className="spinner" aria-hidden="true" /> Loading…
            </>
          ) : (
            'Load more'
          )}
        </a>
      ) : (
        <p className="muted">{doneText}</p>
      )}
    </div>
  );
}
