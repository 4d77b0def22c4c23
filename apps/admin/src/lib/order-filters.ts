/**
 * "Placed on or before" a day takes that whole day: the API's `to` is exclusive, so a date is sent
 * as the next day (a day's orders are from = to = that day). Anything else goes as it is.
 */
export function dayAfter(date: string | undefined): string | undefined {
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const next = new Date(`${date}T00:00:00.000Z`);
  if (Number.isNaN(next.getTime())) return date;
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
