import { RESULT_GRAINS, type ResultGrain } from '@kpi/shared/contracts/calculation';
import { navigate, useLocation } from '@kpi/web-ui/routing';
import { useCallback } from 'react';

/** The period picker's choice, kept in the address so a link or a reload shows the same period. */
export interface PeriodParams {
  grain: ResultGrain;
  /** A period key of the grain; undefined: the newest period. */
  period: string | undefined;
  /** Sets the choice (replacing the history entry), keeping the address' other parameters. */
  setPeriod(next: { grain: ResultGrain; period: string | undefined }): void;
}

const isGrain = (v: string | null): v is ResultGrain => RESULT_GRAINS.includes(v as ResultGrain);

export function usePeriodParams(): PeriodParams {
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  const g = params.get('grain');
  const grain = isGrain(g) ? g : 'month';
  const period = params.get('period') || undefined;
  const setPeriod = useCallback(
    (next: { grain: ResultGrain; period: string | undefined }) => {
      const p = new URLSearchParams(window.location.search);
      p.set('grain', next.grain);
      if (next.period) p.set('period', next.period);
      else p.delete('period');
      navigate(`${pathname}?${p.toString()}`, { replace: true });
    },
    [pathname],
  );
  return { grain, period, setPeriod };
}

/** `grain=…&period=…` for links that keep the period (home → detail → home). */
export function periodQuery(grain: ResultGrain, period: string | undefined): string {
  return `grain=${grain}${period ? `&period=${encodeURIComponent(period)}` : ''}`;
}
