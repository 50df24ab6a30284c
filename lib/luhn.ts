/** The Luhn (mod 10) check of payment card numbers (the card-data scanner; the e2e suite makes test cards with it). */

/** True when a string of digits passes the Luhn check (any length; callers check the length they need). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** The digit that makes `body` + digit pass the Luhn check. */
export function luhnCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError("digits only");
  return (10 - (luhnSum(body, true) % 10)) % 10;
}

/** Sum from the rightmost digit, doubling every second one (starting with the rightmost when `doubleFirst`). */
function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}
