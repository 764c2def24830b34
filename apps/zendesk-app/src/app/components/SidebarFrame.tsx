import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { styled } from 'styled-components';
import { useClient } from '../hooks/use-client.ts';

const Frame = styled.div`
  padding: ${(p) => p.theme.space.xs} ${(p) => p.theme.space.xxs};
  display: grid;
  gap: ${(p) => p.theme.space.sm};
  font-size: ${(p) => p.theme.fontSizes.sm};
  overflow-wrap: anywhere;
`;

/**
 * The app's box: after every render, and whenever its content changes size, asks Zendesk to fit
 * the iframe to it (`client.invoke('resize')`), so the sidebar never scrolls inside itself.
 */
export function SidebarFrame({ children }: { children: ReactNode }) {
  const client = useClient();
  const ref = useRef<HTMLDivElement>(null);
  const last = useRef<number | null>(null);

  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    const fit = () => {
      const height = Math.ceil(node.getBoundingClientRect().height || node.scrollHeight);
      if (height === last.current) return;
      last.current = height;
      client.invoke('resize', { width: '100%', height: `${height}px` });
    };
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(fit);
    observer.observe(node);
    return () => observer.disconnect();
  });

  return (
    <Frame ref={ref} data-testid="sidebar">
      {children}
    </Frame>
  );
}
