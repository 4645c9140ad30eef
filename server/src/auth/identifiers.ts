/**
 * The form in which usernames and emails are compared and stored for lookup: Unicode NFKC, then
 * lower case (normalised again, as lower-casing can leave a string that is not NFKC). So
 * `ｆｕｌｌ@example.com`, `FULL@example.com` and `full@example.com` are one account.
 */
export function foldIdentifier(value: string): string {
  return value.normalize('NFKC').toLowerCase().normalize('NFKC');
}
