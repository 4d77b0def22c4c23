import { searchHref, type SearchState } from '../../lib/search-url';

/**
 * The page's state as hidden inputs, so a plain GET form (without JavaScript) keeps what it does
 * not itself change. `except` names the fields the form's own controls carry.
 */
export function HiddenState({ state, except }: { state: SearchState; except: readonly string[] }) {
  const params = new URLSearchParams(searchHref({ ...state, cursor: undefined }).split('?')[1] ?? '');
  return (
    <>
      {[...params.entries()]
        .filter(([name]) => !except.includes(name))
        .map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
    </>
  );
}
