import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useState } from 'react';
import { apiUpload, call, query, seg } from '../api/client.ts';
import type { ImportResult, ListKind } from '../api/types.ts';
import type { Answer } from '../api/contract.ts';

export interface ListRef {
  mechanismId: string;
  party: string;
  kind: ListKind;
}

const V = '/mechanisms/{mechanism}/lists/{party}/{kind}/versions';
const paramsOf = (list: ListRef) => ({
  mechanism: list.mechanismId,
  party: list.party,
  kind: list.kind,
});

/** For what `call` cannot send: a file download, an upload whose progress is shown. */
const listPath = (list: ListRef) =>
  `/mechanisms/${seg(list.mechanismId)}/lists/${seg(list.party)}/${list.kind}`;

const listKey = (list: ListRef) => ['lists', list.mechanismId, list.party, list.kind] as const;

/** The path of a version's export, for a plain download link. */
export const exportUrl = (list: ListRef, version: number | 'latest', format: 'csv' | 'xlsx') =>
  `/api/v1${listPath(list)}/versions/${version}/export?format=${format}`;

export function useVersions(list: ListRef) {
  return useQuery({
    queryKey: [...listKey(list), 'versions'],
    queryFn: async () => (await call('get', V, { params: paramsOf(list) })).items,
  });
}

export function useLines(
  list: ListRef,
  params: { version: number | 'latest'; search: string; offset: number; limit: number },
  isEnabled: boolean,
) {
  return useQuery({
    queryKey: [...listKey(list), 'lines', params],
    queryFn: ({ signal }) =>
      call('get', `${V}/{version}/lines`, {
        params: { ...paramsOf(list), version: params.version },
        // The version's import warnings are not shown with its lines (the upload shows them).
        query: {
          search: params.search,
          offset: params.offset,
          limit: params.limit,
          versionWarnings: 'false',
        },
        signal,
      }),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}

export function useDiff(list: ListRef, to: number | null, from: number | null) {
  return useQuery({
    queryKey: [...listKey(list), 'diff', to, from],
    queryFn:
      to === null
        ? skipToken
        : () =>
            call('get', `${V}/{version}/diff`, {
              params: { ...paramsOf(list), version: to },
              query: { from: from ?? undefined },
            }),
  });
}

/** The list column each file column is read as, by the file column's name in its header. */
export type ColumnMapping = Record<string, string>;

export interface UploadInput {
  file: File;
  encoding: 'utf-8' | 'cp1251';
  acceptInvalid: boolean;
  columns?: ColumnMapping;
}

/** The form of an upload: the mapping first, since the server reads the fields before the file. */
function uploadForm({ file, columns }: UploadInput): FormData {
  const form = new FormData();
  if (columns && Object.keys(columns).length > 0) form.append('columns', JSON.stringify(columns));
  form.append('file', file, file.name);
  return form;
}

/**
 * Imports a file as a new version. `sent` is the share of the file sent so far while it is being
 * sent (0 to 1), then 1 while the server checks and stores the lines, and null otherwise.
 */
export function useUpload(list: ListRef) {
  const client = useQueryClient();
  const [sent, setSent] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: async (input: UploadInput) => {
      setSent(0);
      try {
        return await apiUpload<ImportResult>(
          `${listPath(list)}/versions${query({ encoding: input.encoding, acceptInvalid: input.acceptInvalid })}`,
          uploadForm(input),
          setSent,
        );
      } finally {
        setSent(null);
      }
    },
    onSuccess: () => client.invalidateQueries({ queryKey: listKey(list) }),
  });
  return { ...upload, sent };
}

/** What importing a file would do, as POST .../versions/preview answers: nothing is stored. */
export type ImportPreview = Answer<
  '/mechanisms/{mechanism}/lists/{party}/{kind}/versions/preview',
  'post'
>;

export function usePreview(list: ListRef) {
  return useMutation({
    mutationFn: (input: UploadInput) =>
      call('post', `${V}/preview`, {
        params: paramsOf(list),
        // The server reads the flag as a string ('true' or 'false'), as `query` writes it.
        query: { encoding: input.encoding, acceptInvalid: String(input.acceptInvalid) },
        form: uploadForm(input),
      }),
  });
}
