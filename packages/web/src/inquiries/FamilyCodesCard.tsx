import { Alert, Anchor, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { LANGUAGES } from '@parley/kernel/inquiry';
import { seg } from '../api/client.ts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useFamilyCodes, useIssueFamilyCode, useRevokeFamilyCode } from './family-codes.api.ts';

/**
 * What the bureau gives the family: codes for the status page (one shown this once, to be passed
 * on; when each was used; revoke one), and letters from the templates as PDF in each language.
 */
export function FamilyCodesCard({
  mechanismId,
  inquiryId,
}: {
  mechanismId: string;
  inquiryId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const codes = useFamilyCodes(mechanismId, inquiryId);
  const issue = useIssueFamilyCode(mechanismId, inquiryId);
  const revoke = useRevokeFamilyCode(mechanismId, inquiryId);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('inquiries.familyCodes.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('inquiries.familyCodes.what')}</Text>
        <Group>
          <Button onClick={() => issue.mutate()} loading={issue.isPending}>
            {t('inquiries.familyCodes.issue')}
          </Button>
        </Group>
        {issue.data && (
          <Alert color="blue" title={t('inquiries.familyCodes.shownOnce')} role="status">
            <Stack gap={4}>
              <Code fz="lg" data-family-code>
                {issue.data.code}
              </Code>
              <Text size="sm">
                {t('inquiries.familyCodes.until', { date: format.date(issue.data.expiresAt) })}
              </Text>
            </Stack>
          </Alert>
        )}
        <ErrorAlert error={issue.error ?? revoke.error ?? codes.error} />
        <Text size="sm" fw={700}>
          {t('inquiries.familyCodes.letters')}
        </Text>
        {(['received', 'status'] as const).map((kind) => (
          <Group key={kind} gap="xs">
            <Text size="sm">{t(`inquiries.familyCodes.letter.${kind}`)}:</Text>
            {LANGUAGES.map((language) => (
              <Anchor
                key={language}
                size="sm"
                href={`/api/v1/mechanisms/${seg(mechanismId)}/inquiries/${seg(inquiryId)}/letters/${kind}?language=${language}`}
                download
              >
                {t(`inquiries.language.${language}`)}
              </Anchor>
            ))}
          </Group>
        ))}
        {codes.data && codes.data.length > 0 && (
          <Table aria-label={t('inquiries.familyCodes.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inquiries.familyCodes.issuedAt')}</Table.Th>
                <Table.Th>{t('inquiries.familyCodes.expiresAt')}</Table.Th>
                <Table.Th>{t('inquiries.familyCodes.views')}</Table.Th>
                <Table.Th>{t('inquiries.familyCodes.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {codes.data.map((code) => (
                <Table.Tr key={code.id}>
                  <Table.Td>{format.dateTime(code.issuedAt)}</Table.Td>
                  <Table.Td>{format.date(code.expiresAt)}</Table.Td>
                  <Table.Td>{format.integer(code.views)}</Table.Td>
                  <Table.Td>
                    {code.revokedAt ? (
                      t('inquiries.familyCodes.revoked', { date: format.date(code.revokedAt) })
                    ) : (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        onClick={() => revoke.mutate(code.id)}
                      >
                        {t('inquiries.familyCodes.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
