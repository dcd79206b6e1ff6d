import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { PageHeader } from '../common/PageHeader.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { CeasefiresPage } from './CeasefiresPage.tsx';
import { DocumentPage } from './DocumentPage.tsx';
import { DocumentsPage } from './DocumentsPage.tsx';
import { NotesPage } from './NotesPage.tsx';
import { RoundPage } from './RoundPage.tsx';
import { RoundsPage } from './RoundsPage.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { TimelinePage } from './TimelinePage.tsx';
import { ViolationsPage } from './ViolationsPage.tsx';

const PAGES = ['rounds', 'documents', 'ceasefires', 'violations', 'timeline'] as const;

/** The record of the talks: its pages behind one menu; a party's officers also see its notes. */
export function TalksSection() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { grant, base } = useWorkspace();
  const notesOf = talksAbilitiesOf(grant).notesOf;
  const pages = [...PAGES, ...(notesOf ? (['notes'] as const) : [])];
  const root = `${base}/talks`;
  return (
    <>
      <PageHeader title={t('talks.title')} subtitle={t('talks.whose')} />
      <Group component="nav" aria-label={t('talks.sections')} gap="xs" mb="md">
        {pages.map((page) => {
          const active = pathname.startsWith(`${root}/${page}`);
          return (
            <Button
              key={page}
              component={Link}
              to={`${root}/${page}`}
              variant={active ? 'filled' : 'default'}
              aria-current={active ? 'page' : undefined}
              size="sm"
            >
              {t(`talks.page.${page}`)}
            </Button>
          );
        })}
      </Group>
      <Routes>
        <Route index element={<Navigate to="rounds" replace />} />
        <Route path="rounds" element={<RoundsPage />} />
        <Route path="rounds/:roundId" element={<RoundPage />} />
        <Route path="documents" element={<DocumentsPage />} />
        <Route path="documents/:documentId" element={<DocumentPage />} />
        <Route path="ceasefires" element={<CeasefiresPage />} />
        <Route path="violations" element={<ViolationsPage />} />
        <Route path="timeline" element={<TimelinePage />} />
        <Route path="notes" element={<NotesPage />} />
        <Route path="*" element={<Navigate to="rounds" replace />} />
      </Routes>
    </>
  );
}
