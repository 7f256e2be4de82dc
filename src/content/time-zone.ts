// Calendar dates in a named time zone, through Intl (the IANA database Node ships with).

/** Whether `zone` is an IANA time zone name this runtime knows, such as "Asia/Shanghai". */
export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The instant at which the 1st of `month` (1-12; 13 is January of the next year) begins in `zone`. */
export function zonedMonthStart(year: number, month: number, zone: string): Date {
  const wallClock = utcDate(year, month);
  // The zone's offset at the wall-clock time read as UTC, then once more at the instant found:
  // near a daylight-saving change the first guess can be an hour off.
  let instant = wallClock - offsetAt(wallClock, zone);
  instant = wallClock - offsetAt(instant, zone);
  return new Date(instant);
}

function utcDate(year: number, month: number): number {
  const date = new Date(Date.UTC(2000, month - 1, 1));
  date.setUTCFullYear(year + Math.floor((month - 1) / 12), (month - 1) % 12, 1); // Date.UTC maps years 0-99 to 1900-1999
  return date.getTime();
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const wall = new Date(Date.UTC(2000, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!));
  wall.setUTCFullYear(parts.year!);
  return wall.getTime() - (instant - (instant % 1000 + 1000) % 1000);
}
