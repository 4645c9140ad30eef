import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { EndpointDataPage } from './pages/EndpointDataPage';
import { EndpointLayout } from './pages/EndpointLayout';
import { EndpointSettingsPage } from './pages/EndpointSettingsPage';
import { EndpointUsePage } from './pages/EndpointUsePage';
import { EndpointsPage } from './pages/EndpointsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { AccountPage } from './pages/AccountPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { ProjectActivityPage } from './pages/ProjectActivityPage';
import { ProjectEmailPage } from './pages/ProjectEmailPage';
import { ProjectLayout } from './pages/ProjectLayout';
import { ProjectMonitorPage } from './pages/ProjectMonitorPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { ProjectSettingsPage } from './pages/ProjectSettingsPage';
import { ProjectsPage } from './pages/ProjectsPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';

export function createRouter() {
  return createBrowserRouter([
    { path: '/signin', element: <SignInPage /> },
    { path: '/signup', element: <SignUpPage /> },
    { path: '/forgot-password', element: <ForgotPasswordPage /> },
    { path: '/reset-password', element: <ResetPasswordPage /> },
    {
      element: <AppLayout />,
      children: [
        { index: true, element: <Navigate to="/projects" replace /> },
        { path: 'projects', element: <ProjectsPage /> },
        { path: 'account', element: <AccountPage /> },
        {
          path: 'projects/:projectId',
          element: <ProjectLayout />,
          children: [
            { index: true, element: <EndpointsPage /> },
            { path: 'monitor', element: <ProjectMonitorPage /> },
            { path: 'email', element: <ProjectEmailPage /> },
            { path: 'activity', element: <ProjectActivityPage /> },
            { path: 'settings', element: <ProjectSettingsPage /> },
            {
              path: 'endpoints/:endpointId',
              element: <EndpointLayout />,
              children: [
                { index: true, element: <EndpointDataPage /> },
                { path: 'use', element: <EndpointUsePage /> },
                { path: 'settings', element: <EndpointSettingsPage /> },
              ],
            },
          ],
        },
      ],
    },
    { path: '*', element: <NotFoundPage /> },
  ]);
}
