'use client';

import type { SuggestResult } from '@shop/contracts';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { moveActive, suggestionHref } from '../../lib/combobox';
import { SEARCH_PATH, searchHref } from '../../lib/search-url';
import styles from './search-box.module.css';

/** Wait this long after the last keystroke before asking (a fast typist sends one request, not five). */
const DEBOUNCE_MS = 150;
/** Fewer characters than this suggest nothing useful. */
const MIN_CHARS = 2;

type Suggestion = SuggestResult['suggestions'][number];

const freshSearch = (q: string) => searchHref({ q: q.trim(), size: [], colour: [] });

type Suggestions = { for: string; items: Suggestion[] };

/**
 * The header's search box: an ARIA combobox (input + listbox). Suggestions come as the shopper
 * types (debounced; a newer keystroke aborts the request in flight, so a slow stale answer never
 * replaces a fresh one). ArrowDown/ArrowUp move through them, Enter opens the active one (a
 * product's or a category's page, or a search for a name no one category has) or searches for the text, Escape closes the list, then
 * clears the text. Without JavaScript it is a plain GET form to /search.
 */
export function SearchBox({ categoryPages = {} }: { categoryPages?: Readonly<Record<string, string>> }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const urlQuery = pathname === SEARCH_PATH ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(urlQuery);
  const [suggestions, setSuggestions] = useState<Suggestions>({ for: '', items: [] });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Only typing asks for suggestions (not the text the URL put in the box).
  const typed = useRef(false);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  // The box follows the URL (back button, a "did you mean" link, a new page). Not on mount: the
  // text already starts from the URL, and what was typed between the mount and this effect stays.
  const followed = useRef({ urlQuery, pathname });
  useEffect(() => {
    if (followed.current.urlQuery === urlQuery && followed.current.pathname === pathname) return;
    followed.current = { urlQuery, pathname };
    typed.current = false;
    setText(urlQuery);
    setOpen(false);
    setActive(-1);
  }, [urlQuery, pathname]);

  useEffect(() => {
    const q = text.trim();
    if (!typed.current || q.length < MIN_CHARS) {
      setSuggestions({ for: q, items: [] });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/search/suggest?${new URLSearchParams({ q }).toString()}`, { signal: controller.signal })
        .then(async (response) => (response.ok ? ((await response.json()) as { suggestions: Suggestion[] }).suggestions : []))
        .then((items) => {
          setSuggestions({ for: q, items });
          setActive(-1);
          setOpen(true);
        })
        .catch(() => {
          // Aborted by a newer keystroke, or no answer: suggestions are a help, not a must.
          if (!controller.signal.aborted) setSuggestions({ for: q, items: [] });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const items = suggestions.for === text.trim() ? suggestions.items : [];
  const expanded = open && items.length > 0;

  function go(href: string) {
    setOpen(false);
    setActive(-1);
    router.push(href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (items.length === 0) return;
      event.preventDefault();
      setOpen(true);
      setActive((current) => moveActive(expanded ? current : -1, items.length, event.key as 'ArrowDown' | 'ArrowUp'));
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        event.preventDefault();
        typed.current = false;
        setText('');
      }
    } else if (event.key === 'Enter' && expanded && active >= 0 && items[active]) {
      event.preventDefault();
      go(suggestionHref(items[active], freshSearch, categoryPages));
    }
  }

  return (
    <form
      role="search"
      action={SEARCH_PATH}
      method="get"
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        // The box as the shopper sees it (typed before the page was interactive, it is not in `text` yet).
        go(freshSearch(String(new FormData(event.currentTarget).get('q') ?? text)));
      }}
    >
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        Search products
      </label>
      <input
        id={`${listId}-input`}
        className={styles.input}
        type="search"
        name="q"
        placeholder="Search products"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={text}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        onChange={(event) => {
          typed.current = true;
          setText(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <button type="submit" className={styles.submit} aria-label="Search">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="11" cy="11" r="7" />
          <path d="M20 20l-3.5-3.5" />
        </svg>
      </button>
      <ul id={listId} role="listbox" aria-label="Suggestions" className={styles.list} hidden={!expanded}>
        {items.map((item, i) => (
          <li
            key={`${item.slug ?? 'q'}:${item.text}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? styles.optionActive : styles.option}
            // Keeps the focus in the box, so the click lands before the list closes on blur.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => go(suggestionHref(item, freshSearch, categoryPages))}
          >
            <span>{item.text}</span>
            {!item.slug && <span className={styles.kind}>{Object.hasOwn(categoryPages, item.text.toLowerCase()) ? 'Category' : 'Search'}</span>}
          </li>
        ))}
      </ul>
      <span className="visually-hidden" aria-live="polite">
        {expanded ? `${items.length} suggestion${items.length === 1 ? '' : 's'}; use the up and down arrows to choose` : ''}
      </span>
    </form>
  );
}

/** What the header shows until the box can read the URL (and without JavaScript): the plain form. */
export function SearchBoxFallback() {
  return (
    <form role="search" action={SEARCH_PATH} method="get" className={styles.form}>
      <label htmlFor="search-fallback" className="visually-hidden">
        Search products
      </label>
      <input id="search-fallback" className={styles.input} type="search" name="q" placeholder="Search products" maxLength={200} />
    </form>
  );
}
