import { useTranslation } from 'react-i18next';
import { useAgreements } from '../agreements/agreements.api.ts';

/**
 * A category's name for its id, in the reader's language where Parley knows the category (the
 * templates'), else as the agreement names it; the id only while the agreements load.
 */
export function useCategoryName(mechanismId: string): (id: string) => string {
  const { t } = useTranslation();
  const agreements = useAgreements(mechanismId);
  const named = new Map<string, string>();
  for (const agreement of agreements.data ?? [])
    for (const version of agreement.versions)
      for (const category of version.definition.categories) named.set(category.id, category.name);
  return (id) => t(`categoryName.${id}`, { defaultValue: named.get(id) ?? id });
}
