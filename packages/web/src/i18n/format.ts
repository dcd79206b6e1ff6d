import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Numbers, percentages and dates in the chosen language, through Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const integer = new Intl.NumberFormat(language);
    const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    // A calendar date (YYYY-MM-DD) is the same day everywhere: formatted in UTC.
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    return {
      integer: (n: number) => integer.format(n),
      decimal: (n: number) => decimal.format(n),
      percent: (fraction: number) => percent.format(fraction),
      dateTime: (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : '—'),
      date: (day: string) => date.format(new Date(`${day.slice(0, 10)}T00:00:00Z`)),
    };
  }, [language]);
}
