import { Badge, Code, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ManifestFile } from '../api/exchange.types.ts';
import { useFormat } from '../i18n/format.ts';

type SignerRef = { role: string; party: string | null };

/** Whether a signature fills a required signer's place. */
export const isSameSigner = (a: SignerRef, b: SignerRef) =>
  a.role === b.role && (a.party ?? null) === (b.party ?? null);

/** Who must sign, and who has: the signer, when, and the id of the key used. */
export function SignaturesTable({ file }: { file: ManifestFile<unknown> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table>
        <Table.Caption>{t('manifest.signersCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('manifest.required')}</Table.Th>
            <Table.Th>{t('manifest.signer')}</Table.Th>
            <Table.Th>{t('manifest.signedAt')}</Table.Th>
            <Table.Th>{t('manifest.keyId')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {file.requiredSigners.map((required) => {
            const signature = file.signatures.find((s) => isSameSigner(s, required));
            return (
              <Table.Tr key={`${required.role}-${required.party ?? ''}`}>
                <Table.Td>
                  {t(`role.${required.role}`)}
                  {required.party ? ` (${required.party})` : ''}
                </Table.Td>
                <Table.Td>
                  {signature ? (
                    signature.signer.replace(/^user:/, '')
                  ) : (
                    <Badge color="red.9" variant="outline">
                      {t('manifest.unsigned')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{signature ? format.dateTime(signature.signedAt) : '—'}</Table.Td>
                <Table.Td>{signature ? <Code>{signature.keyId}</Code> : '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
