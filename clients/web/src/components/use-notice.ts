import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A message the previous page left for this one ("Your password has been reset..."): shown once,
 * then taken out of the browser's history entry, so a reload does not show it again.
 */
export function useNotice(): [string | undefined, () => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | undefined>((location.state as { notice?: string } | null)?.notice);
  useEffect(() => {
    const state = location.state as { notice?: string } | null;
    if (state?.notice) {
      const { notice: _shown, ...rest } = state;
      navigate(location.pathname + location.search, { replace: true, state: Object.keys(rest).length ? rest : null });
    }
  }, [location, navigate]);
  return [notice, () => setNotice(undefined)];
}
