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

/** Years from `from` to `to` as a decimal, e.g. 4.5. */
export function yearsBetween(from: string, to: string): number {
  return (parseDate(to).getTime() - parseDate(from).getTime()) / (365.2425 * 24 * 3600 * 1000);
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
