import { Center, Container } from '@mantine/core';
import { Outlet } from 'react-router';
import { EnrolSecondFactorPage } from '../account/EnrolSecondFactorPage.tsx';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { LiveUpdates } from '../inbox/LiveUpdates.tsx';
import { useSession } from '../session/session.tsx';

/**
 * Signs the user in, and has a one-time password changed and an authenticator enrolled, before
 * any other screen.
 */
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
  // Every account has a second factor: one without enrols it before any other screen.
  if (session.mustEnrolSecondFactor)
    return (
      <main>
        <EnrolSecondFactorPage />
      </main>
    );
  return (
    <>
      <LiveUpdates />
      <Outlet />
    </>
  );
}
