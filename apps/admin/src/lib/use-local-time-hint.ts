'use client';

import { useEffect, useState } from 'react';
import { utcOffsetLabel } from './format-time';

/**
 * The hint of a date-and-time field: what is typed is the browser's local time (the forms convert
 * it with the browser's offset), while the pages show UTC; so the field says which zone it takes.
 * The offset is known in the browser only: the server's render says "Your local time".
 */
export function useLocalTimeHint(): string {
  const [hint, setHint] = useState('Your local time');
  useEffect(() => setHint(`Your local time (${utcOffsetLabel(-new Date().getTimezoneOffset())})`), []);
  return hint;
}
