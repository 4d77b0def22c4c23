/**
 * How the console shows dates and times: one format on every page, in one time zone that the text
 * names (UTC unless told otherwise, as the platform's logs and the API speak), so an order's time
 * on its page, in the orders list and in a sale's window can be compared at a glance, and a page
 * rendered on the server reads the same once the browser takes over.
 *
 *   formatDateTime → "7 Mar 2026, 14:05:09 UTC"
 *   formatDate     → "7 Mar 2026"
 *   formatTime     → "14:05:09 UTC" (chart axes: "14:05", no zone)
 *
 * Month names are our own, not the locale's, so the text does not change with the ICU version
 * ("Sep" vs "Sept"). Missing values show as "—"; a value that is not an instant as it came.
 */
export interface TimeFormat {
  /** IANA zone, e.g. "Europe/Paris"; UTC by default. */
  timeZone?: string;
}

export const CONSOLE_TIME_ZONE = 'UTC';

const NOTHING = '—';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

type Instant = string | number | Date | null | undefined;

interface Parts {
  year: string;
  month: number;
  day: number;
  hour: string;
  minute: string;
  second: string;
  zone: string;
}

/** Formatters are costly to build and a table formats hundreds of cells: one per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsOf(value: Instant, timeZone: string): Parts | string {
  if (value === null || value === undefined || value === '') return NOTHING;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const part = Object.fromEntries(formatterFor(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: part['year'] ?? '',
    month: Number(part['month']),
    day: Number(part['day']),
    hour: part['hour'] ?? '',
    minute: part['minute'] ?? '',
    second: part['second'] ?? '',
    // "UTC" said as such; elsewhere the zone's short name ("CET", "GMT+1").
    zone: timeZone === 'UTC' ? 'UTC' : (part['timeZoneName'] ?? timeZone),
  };
}

const dateOf = (p: Parts) => `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;

/** "7 Mar 2026, 14:05:09 UTC": an instant on any console page. */
export function formatDateTime(value: Instant, { timeZone = CONSOLE_TIME_ZONE }: TimeFormat = {}): string {
  const p = partsOf(value, timeZone);
  return typeof p === 'string' ? p : `${dateOf(p)}, ${p.hour}:${p.minute}:${p.second} ${p.zone}`;
}

/** "7 Mar 2026": a day (an account's creation, a product's). */
export function formatDate(value: Instant, { timeZone = CONSOLE_TIME_ZONE }: TimeFormat = {}): string {
  const p = partsOf(value, timeZone);
  return typeof p === 'string' ? p : dateOf(p);
}

/**
 * "14:05:09 UTC": a time of today (the live dashboard). `seconds: false` drops them; `zone: false`
 * drops the zone, for chart axes whose caption names it once.
 */
export function formatTime(value: Instant, { timeZone = CONSOLE_TIME_ZONE, seconds = true, zone = true }: TimeFormat & { seconds?: boolean; zone?: boolean } = {}): string {
  const p = partsOf(value, timeZone);
  if (typeof p === 'string') return p;
  return `${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}${zone ? ` ${p.zone}` : ''}`;
}

/**
 * The zone a `datetime-local` field is typed in, named as the pages name theirs: the browser's
 * offset (`-new Date().getTimezoneOffset()`, minutes east of UTC) as "UTC+01:00", "UTC−03:30", "UTC".
 */
export function utcOffsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '−';
  const minutes = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
