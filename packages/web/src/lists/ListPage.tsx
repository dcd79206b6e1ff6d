import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { ListKind } from '../api/types.ts';
import { PageHeader } from '../common/PageHeader.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { DiffPanel } from './DiffPanel.tsx';
import { LinesPanel } from './LinesPanel.tsx';
import type { ListRef } from './lists.api.ts';
import { UploadPanel } from './UploadPanel.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

const TABS = ['lines', 'versions', 'upload', 'diff'] as const;
type Tab = (typeof TABS)[number];

/** One party's held or sought list: its lines, versions, upload and differences. */
export function ListPage() {
  const { t } = useTranslation();
  const { party = '', kind = 'sought' } = useParams();
  const { mechanism, grant, abilities } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const list: ListRef = { mechanismId: mechanism.id, party, kind: kind as ListKind };
  const mayUpload = abilities.importLists && grant.party === party;
  const tabs = TABS.filter(
    (tab) =>
      (tab !== 'upload' || mayUpload) &&
      ((tab !== 'lines' && tab !== 'diff') || abilities.readLines),
  );
  const wanted = params.get('tab') as Tab | null;
  const tab = wanted && tabs.includes(wanted) ? wanted : tabs[0];
  return (
    <>
      <PageHeader
        title={t(`lists.title.${list.kind}`, { party })}
        subtitle={t(`lists.whose.${list.kind}`, { party })}
      />
      <Tabs
        value={tab}
        onChange={(next) => setParams(next ? { tab: next } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`lists.tab.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="lines">
          <LinesPanel list={list} />
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <VersionsPanel list={list} mayExport={abilities.exportLists} />
        </Tabs.Panel>
        <Tabs.Panel value="upload">
          <UploadPanel list={list} onImported={() => setParams({ tab: 'versions' })} />
        </Tabs.Panel>
        <Tabs.Panel value="diff">
          <DiffPanel list={list} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
