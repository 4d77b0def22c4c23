import type { ComponentProps } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'link';

/**
 * The platform's button. `busy` shows a spinner and disables it (a second click cannot send the
 * same change twice); the label stays, so a screen reader still knows what it does.
 */
export function Button({
  variant = 'primary',
  busy = false,
  block = false,
  small = false,
  className,
  disabled,
  children,
  type = 'button',
  ...props
}: ComponentProps<'button'> & { variant?: ButtonVariant; busy?: boolean; block?: boolean; small?: boolean }) {
  const classes = ['btn', `btn-${variant}`, block ? 'btn-block' : '', small ? 'btn-small' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button {...props} type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
