/** Calendar arithmetic on ISO dates ('YYYY-MM-DD'), in UTC so that no time zone shifts a day. */

export function parseDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function today(): string {
  return formatDate(new Date());
}

/** Adds months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const date = parseDate(iso);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return formatDate(target);
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

export function addDays(iso: string, days: number): string {
  const date = parseDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return formatDate(date);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (months > 0 && b.getUTCDate() < a.getUTCDate()) months -= 1;
  if (months < 0 && b.getUTCDate() > a.getUTCDate()) months += 1;
  return months;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Years from `from` to `to` by the calendar (Civil Code 2015, art. 147–148: a period in years ends
 * on the same day and month of its last year, or on the month's last day when that day does not
 * exist): whole years first, then the part of the following year elapsed, over that year's days.
 * Exactly five calendar years is 5 whether or not they hold a 29 February, so a threshold of "at
 * least 5 years" is met on the anniversary and missed the day before. Negative when `to` is earlier.
 */
export function yearsBetween(from: string, to: string): number {
  if (to < from) return -yearsBetween(to, from);
  let whole = parseDate(to).getUTCFullYear() - parseDate(from).getUTCFullYear();
  if (addYears(from, whole) > to) whole -= 1;
  const start = addYears(from, whole);
  const next = addYears(from, whole + 1);
  return (
    whole +
    (parseDate(to).getTime() - parseDate(start).getTime()) / (parseDate(next).getTime() - parseDate(start).getTime())
  );
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to).getTime() - parseDate(from).getTime()) / DAY_MS);
}

/** The day `count` working days (Monday to Friday; public holidays not counted out) before `iso`. */
export function subtractWorkingDays(iso: string, count: number): string {
  const date = parseDate(iso);
  let remaining = count;
  while (remaining > 0) {
    date.setUTCDate(date.getUTCDate() - 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) remaining -= 1;
  }
  return formatDate(date);
}
