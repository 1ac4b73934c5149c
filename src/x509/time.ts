/**
 * Certificate times (X.690 §11.7–11.8, RFC 5280 §4.1.2.5): UTCTime YYMMDDHHMMSSZ for the
 * years 1950–2049 and GeneralizedTime YYYYMMDDHHMMSSZ otherwise, in their DER forms only
 * (seconds present, "Z", no fraction), as milliseconds since the epoch. The calendar
 * arithmetic is exact for every year 0000–9999 (no Date.UTC, which maps years 0–99 to 19xx).
 */
import { type DerReader, derElement } from '../keys/der.js';
import { fail, Tag } from './asn1.js';

/** Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar (exact for any year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // [0, 399]
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1; // [0, 365]
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a UTCTime or GeneralizedTime in RFC 5280's DER forms and returns milliseconds
 * since 1970-01-01T00:00:00Z. UTCTime's two-digit year YY means 19YY when YY ≥ 50 and
 * 20YY otherwise (RFC 5280 §4.1.2.5.1).
 */
export function readTime(reader: DerReader, what: string): number {
  const element = reader.readAny();
  const c = element.contents;
  const at = element.offset;
  let digits: number;
  if (element.tag === Tag.UTC_TIME) digits = 12;
  else if (element.tag === Tag.GENERALIZED_TIME) digits = 14;
  else
    fail(
      `${what}: expected UTCTime or GeneralizedTime at offset ${at}, found tag 0x${element.tag.toString(16).padStart(2, '0')}`,
    );
  const form = digits === 12 ? 'YYMMDDHHMMSSZ' : 'YYYYMMDDHHMMSSZ';
  if (c.length !== digits + 1 || c[digits] !== 0x5a)
    fail(`${what}: time at offset ${at} is not in the DER form ${form} (RFC 5280 §4.1.2.5)`);
  for (let i = 0; i < digits; i++)
    if (c[i] < 0x30 || c[i] > 0x39) fail(`${what}: time at offset ${at} has a non-digit`);
  const number = (i: number, count: number) => {
    let value = 0;
    for (let j = i; j < i + count; j++) value = value * 10 + (c[j] - 0x30);
    return value;
  };
  let year: number;
  let i: number;
  if (digits === 12) {
    const yy = number(0, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    i = 2;
  } else {
    year = number(0, 4);
    i = 4;
  }
  const month = number(i, 2);
  const day = number(i + 2, 2);
  const hour = number(i + 4, 2);
  const minute = number(i + 6, 2);
  const second = number(i + 8, 2);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    fail(`${what}: time at offset ${at} is not a valid date and time`);
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 + second * 1000;
}

/** The earliest and latest instants a certificate time can express (years 0000 and 9999). */
export const MIN_TIME = daysFromCivil(0, 1, 1) * 86400000;
export const MAX_TIME = daysFromCivil(9999, 12, 31) * 86400000 + 86399000;

/**
 * Encodes a time as RFC 5280 §4.1.2.5 asks: UTCTime for the years 1950–2049,
 * GeneralizedTime otherwise; whole seconds, "Z".
 * @param ms - milliseconds since the epoch, a whole number of seconds, years 0000–9999
 * @throws RangeError otherwise
 */
export function derTime(ms: number, name = 'time'): Uint8Array {
  if (!Number.isInteger(ms) || ms % 1000 !== 0 || ms < MIN_TIME || ms > MAX_TIME)
    throw new RangeError(`${name} must be a whole second between the years 0000 and 9999`);
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  const rest =
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    'Z';
  const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  if (year >= 1950 && year <= 2049) return derElement(Tag.UTC_TIME, ascii(two(year % 100) + rest));
  return derElement(Tag.GENERALIZED_TIME, ascii(String(year).padStart(4, '0') + rest));
}
