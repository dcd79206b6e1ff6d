import { Center, Container } from '@mantine/core';
import { Outlet } from 'react-router';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useSession } from '../session/session.tsx';

/** Signs the user in, and has a one-time password changed, before any other screen. */
export function RequireSession() {
  const { session, isLoading, error } = useSession();
  if (isLoading) return <Loading />;
  if (error)
    return (
      <Center mih="100vh" component="main">
        <Container size="sm">
          <ErrorAlert error={error} />
        </Container>
      </Center>
    );
  if (!session) return <SignInPage />;
  if (session.mustChangePassword)
    return (
      <main>
        <ChangePasswordPage />
      </main>
    );
  return <Outlet />;
}
