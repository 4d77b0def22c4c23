/**
 * An address as an unsubscribe page shows it: the first character of the mailbox, a fixed `***`
 * (so the mailbox's length is not told either) and the domain whole: `ada@example.com` →
 * `a***@example.com`. Its owner recognises it; someone looking over their shoulder learns little.
 */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const mailbox = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at + 1) : '';
  // By code point, so a mailbox that starts with an emoji or an accented letter is not cut in half.
  const first = Array.from(mailbox)[0] ?? '';
  return `${first}***@${domain}`;
}
