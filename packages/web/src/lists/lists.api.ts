import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, seg } from '../api/client.ts';
import type { ImportResult, LinesPage, ListDiff, ListKind, ListVersion } from '../api/types.ts';

export interface ListRef {
  mechanismId: string;
  party: string;
  kind: ListKind;
}

const listPath = (list: ListRef) =>
  `/mechanisms/${seg(list.mechanismId)}/lists/${seg(list.party)}/${list.kind}`;

const listKey = (list: ListRef) => ['lists', list.mechanismId, list.party, list.kind] as const;

/** The path of a version's export, for a plain download link. */
export const exportUrl = (list: ListRef, version: number | 'latest', format: 'csv' | 'xlsx') =>
  `/api/v1${listPath(list)}/versions/${version}/export?format=${format}`;

export function useVersions(list: ListRef) {
  return useQuery({
    queryKey: [...listKey(list), 'versions'],
    queryFn: async () => (await api<{ items: ListVersion[] }>(`${listPath(list)}/versions`)).items,
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
      api<LinesPage>(
        `${listPath(list)}/versions/${params.version}/lines${query({
          search: params.search,
          offset: params.offset,
          limit: params.limit,
        })}`,
        { signal },
      ),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}

export function useDiff(list: ListRef, to: number | null, from: number | null) {
  return useQuery({
    queryKey: [...listKey(list), 'diff', to, from],
    queryFn: () =>
      api<ListDiff>(`${listPath(list)}/versions/${to}/diff${query({ from: from ?? undefined })}`),
    enabled: to !== null,
  });
}

export interface UploadInput {
  file: File;
  encoding: 'utf-8' | 'cp1251';
  acceptInvalid: boolean;
}

export function useUpload(list: ListRef) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, encoding, acceptInvalid }: UploadInput) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<ImportResult>(`${listPath(list)}/versions${query({ encoding, acceptInvalid })}`, {
        method: 'POST',
        form,
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: listKey(list) }),
  });
}
