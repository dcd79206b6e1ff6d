import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import { createTheme, MantineProvider, NavLink, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './i18n/i18n.ts';
import { ApiError } from './api/client.ts';
import { router } from './app/routes.tsx';
import { registerServiceWorker } from './offline/register-worker.ts';
import { SESSION_KEY, SessionProvider } from './session/session.tsx';

// Shade 9 keeps white text on filled buttons and coloured text on white above 4.5:1 (WCAG AA).
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 9, dark: 8 },
  defaultRadius: 'sm',
  // The active section stands out in white on blue, which keeps its contrast when hovered.
  components: { NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }) },
});

// Mantine's dimmed and placeholder greys fall short of WCAG AA contrast on white.
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {},
});

// A session that ended (expired, signed out elsewhere) brings back the sign-in page.
const endSessionOn = (error: unknown) => {
  if (error instanceof ApiError && error.code === 'AUTH.REQUIRED')
    queryClient.setQueryData(SESSION_KEY, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: endSessionOn }),
  mutationCache: new MutationCache({ onError: endSessionOn }),
  defaultOptions: {
    queries: {
      // A refusal or a bad request will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

registerServiceWorker();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={resolver}>
        <Notifications />
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
