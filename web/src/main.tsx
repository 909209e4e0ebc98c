import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app.tsx';
import './styles.css';
import { applyTheme, loadTheme } from './lib/theme.ts';

// A pinned light or dark theme before the first paint, so the page does not flash.
applyTheme(loadTheme());

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A refused key or a missing thing will not change by asking again.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof Error && 'status' in error && Number(error.status) >= 400),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
