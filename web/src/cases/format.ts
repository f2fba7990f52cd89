/** How case pages write instants, dates and file sizes, in the reader's language and China time. */
import { usePrefs } from '../prefs.tsx';

export function useCaseFormat() {
  const { lang } = usePrefs();
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const clock = new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
  return {
    /** An instant (ISO timestamp) in Asia/Shanghai. */
    time: (iso: string) => time.format(new Date(iso)),
    /** The time of day of an instant (seconds included: "saved at"). */
    clock: (iso: string) => clock.format(new Date(iso)),
    /** A calendar date (YYYY-MM-DD), as it is: no time zone shifts it. */
    date: (iso: string) => day.format(new Date(`${iso}T00:00:00Z`)),
    size: (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`),
  };
}
