import { configure } from '@testing-library/react';

// The first render of a file loads the location's lazy chunk (Garden, zod, the contract): on a busy
// machine that alone can outlast testing-library's default 1 s wait.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no matchMedia; Garden's theming reads the preferred color scheme at import.
if (typeof window !== 'undefined' && !window.matchMedia)
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
