import '@zendeskgarden/css-bedrock';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ClientProvider } from './contexts/ClientProvider.tsx';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <ClientProvider>
      <App />
    </ClientProvider>,
  );
