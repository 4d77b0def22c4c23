import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormProblem, SubmitButton } from './form-parts';

describe('account form parts', () => {
  it('shows a form problem as an alert, and nothing without one', () => {
    expect(renderToStaticMarkup(<FormProblem message="That did not work." />)).toBe('<p class="notice notice-error" role="alert">That did not work.</p>');
    expect(renderToStaticMarkup(<FormProblem message={undefined} />)).toBe('');
  });

  it('disables the submit button with a spinner while sending', () => {
    expect(renderToStaticMarkup(<SubmitButton busy={false}>Sign in</SubmitButton>)).toBe('<button type="submit" class="btn btn-primary btn-block">Sign in</button>');
    const busy = renderToStaticMarkup(
      <SubmitButton busy block={false}>
        Change password
      </SubmitButton>,
    );
    expect(busy).toBe('<button type="submit" class="btn btn-primary" disabled=""><span class="spinner" aria-hidden="true"></span>Change password</button>');
  });
});
