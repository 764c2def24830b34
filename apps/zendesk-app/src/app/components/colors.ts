import type { DefaultTheme } from 'styled-components';

/** A Garden palette shade ('green', 600), with a fallback when a theme lacks it. */
export function shade(theme: DefaultTheme, hue: string, level: number, fallback: string): string {
  const value = theme.palette[hue];
  return typeof value === 'string' ? value : (value?.[level] ?? fallback);
}
