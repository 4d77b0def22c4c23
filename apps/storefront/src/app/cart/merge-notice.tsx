'use client';

import { useEffect } from 'react';
import { MERGE_NOTICE_COOKIE } from '../../lib/merge-notices';

/**
 * After signing in, the lines of the earlier (guest) cart that were cut to the stock left or left
 * out ("We reduced Trail Lamp to 3: only 3 are left."), said once: the cookie that carried them is
 * cleared as soon as they are shown, so the next page does not repeat them.
 */
export function MergeNotice({ texts }: { texts: readonly string[] }) {
  useEffect(() => {
    document.cookie = `${MERGE_NOTICE_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
  }, []);
  if (texts.length === 0) return null;
  return (
    <div className="notice notice-info" role="status" data-testid="merge-notice">
      <p style={{ margin: 0 }}>We added the items from before you signed in to your cart, but not all of them fit:</p>
      <ul style={{ margin: '4px 0 0', paddingLeft: '1.2rem' }}>
        {texts.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </div>
  );
}
