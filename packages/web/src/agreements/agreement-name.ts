import type { TFunction } from 'i18next';
import englishTemplates from './locales/en.json';

type TemplateId = keyof (typeof englishTemplates)['agreementTemplate'];

/** Parley's templates by the name an agreement made from one takes: their English name. */
const TEMPLATE_OF_NAME = new Map(
  Object.entries(englishTemplates.agreementTemplate).map(([id, text]) => [
    text.name,
    id as TemplateId,
  ]),
);

/**
 * An agreement's name for the reader: one named as a Parley template (an agreement made from a
 * template keeps the template's English name) reads as that template's name in the reader's
 * language; any other name is data, shown as the mediator wrote it.
 */
export function agreementNameIn(t: TFunction, name: string): string {
  const template = TEMPLATE_OF_NAME.get(name);
  return template ? t(`agreementTemplate.${template}.name`) : name;
}
