import { useEffect } from 'react';

/**
 * Calls `refresh` when the window regains focus or the tab becomes visible again, so a view comes back
 * current after the user changed something elsewhere (another tab, another page of the app).
 */
export function useRefreshOnFocus(refresh: () => void): void {
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);
}
