import { useEffect, useState } from 'react';

/**
 * True for `ms` after `highlight` last grew (a new call or a recall): the board highlights the
 * call and its counter that long. 0 (nothing called since start) is never fresh.
 */
export function useFresh(highlight: number, ms: number): boolean {
  const [expired, setExpired] = useState(0);
  useEffect(() => {
    if (highlight === 0) return;
    const timer = setTimeout(() => setExpired(highlight), ms);
    return () => clearTimeout(timer);
  }, [highlight, ms]);
  return highlight > expired;
}
